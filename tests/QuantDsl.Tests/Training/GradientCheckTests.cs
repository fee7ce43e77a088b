using QuantDsl.Training;

namespace QuantDsl.Tests.Training;

/// <summary>
/// The full-precision model's backward against central finite differences of its own float32 loss, end to end
/// (embeddings, LayerNorm, attention with mask and softmax, GELU MLP, residuals, head, cross-entropy).
/// </summary>
public sealed class GradientCheckTests
{
    [Fact]
    public void Backward_matches_central_differences_for_every_parameter_tensor()
    {
        using var model = TinyModels.FullPrecision();
        // Larger weights than the GPT init make every gradient O(0.01–1), well above the difference noise below.
        var random = new Random(11);
        foreach (var p in model.Parameters)
        {
            var values = p.Parameter.Value.HostData;
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)((random.NextDouble() * 2) - 1) * 0.5f + (p.Name.EndsWith(".weight", StringComparison.Ordinal) && p.Name.Contains("ln", StringComparison.Ordinal) ? 1f : 0f);
            }

            p.Parameter.Value.MarkModified();
        }

        var (tokens, targets) = TinyModels.Pattern(batch: 2, context: 5, vocab: 7);
        model.ZeroGrad();
        model.ForwardLoss(tokens, targets, 2, 5);
        model.Backward();

        // Central differences of a float32 loss L ≈ 2: rounding noise ≈ 1e-6·|L| per evaluation gives ≈ 1e-6/h on the
        // quotient, and truncation ≈ h²·|L'''|/6; h = 1e-2 keeps both near 1e-4 for these O(1) functions. The bound
        // 1e-3 + 2 % holds the sum with margin while a transposed index or a missed term is off by far more.
        const float H = 1e-2f;
        int checkedCount = 0;
        foreach (var p in model.Parameters)
        {
            var values = p.Parameter.Value.HostData;
            var grad = p.Parameter.Grad!.ToArray();
            foreach (int index in new[] { 0, values.Length / 2, values.Length - 1 })
            {
                float saved = values[index];
                values[index] = saved + H;
                p.Parameter.Value.MarkModified();
                float plus = model.Evaluate(tokens, targets, 2, 5);
                values[index] = saved - H;
                p.Parameter.Value.MarkModified();
                float minus = model.Evaluate(tokens, targets, 2, 5);
                values[index] = saved;
                p.Parameter.Value.MarkModified();
                double numeric = (plus - minus) / (2.0 * H);
                Assert.True(
                    Math.Abs(numeric - grad[index]) <= 1e-3 + (0.02 * Math.Abs(numeric)),
                    $"{p.Name}[{index}]: backward {grad[index]}, finite difference {numeric}");
                checkedCount++;
            }
        }

        Assert.Equal(model.Parameters.Count * 3, checkedCount);
    }

    [Fact]
    public void Gelu_derivative_matches_central_differences()
    {
        for (double x = -5; x <= 5; x += 0.25)
        {
            double numeric = (Gelu.Value((float)(x + 1e-3)) - Gelu.Value((float)(x - 1e-3))) / 2e-3;
            Assert.True(Math.Abs(numeric - Gelu.Derivative((float)x)) <= 2e-3, $"x = {x}");
        }
    }

    [Fact]
    public void Cross_entropy_of_uniform_logits_is_log_of_the_class_count_and_its_gradient_sums_to_zero()
    {
        var logits = new float[3 * 5];
        var gradient = new float[logits.Length];
        float loss = CrossEntropy.Loss(logits, [0, 2, 4], 3, 5, gradient);
        Assert.Equal(Math.Log(5), loss, 5);
        for (int r = 0; r < 3; r++)
        {
            Assert.Equal(0, gradient.AsSpan(r * 5, 5).ToArray().Sum(), 6);
        }

        Assert.Equal((0.2f - 1f) / 3f, gradient[0], 6);
    }
}
