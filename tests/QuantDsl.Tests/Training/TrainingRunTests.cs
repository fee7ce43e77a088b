using QuantDsl.Training;

namespace QuantDsl.Tests.Training;

/// <summary>Short training runs: the loss falls, in full precision and with [Fp4Train], and runs are deterministic.</summary>
public sealed class TrainingRunTests
{
    [Fact]
    public void Full_precision_training_learns_a_pattern_and_is_deterministic()
    {
        var first = Train(TinyModels.FullPrecision(seed: 5));
        var second = Train(TinyModels.FullPrecision(seed: 5));

        Assert.Equal(first, second);
        Assert.True(first[^1] < 0.5 * first[0], $"loss {first[0]} → {first[^1]}");
    }

    [Fact]
    public void Fp4_training_learns_the_same_pattern()
    {
        var config = TinyModels.Config with { Width = 16, MlpRatio = 2 };
        var losses = Train(TinyModels.Fp4(config, seed: 5));

        Assert.True(losses[^1] < 0.5 * losses[0], $"loss {losses[0]} → {losses[^1]}");
    }

    private static float[] Train(TinyGpt model)
    {
        using (model)
        {
            var optimizer = new AdamW(model.Parameters, weightDecay: 0f);
            var schedule = new LearningRateSchedule(1e-2f, 1e-3f, 5, 60);
            var losses = new float[60];
            for (int step = 0; step < losses.Length; step++)
            {
                var (tokens, targets) = TinyModels.Pattern(batch: 4, context: 6, vocab: 7, offset: step % 7);
                model.ZeroGrad();
                losses[step] = model.ForwardLoss(tokens, targets, 4, 6);
                model.Backward();
                GradientClipping.ClipGlobalNorm(model.Parameters, 1f);
                optimizer.Update(schedule.At(step));
            }

            return losses;
        }
    }
}
