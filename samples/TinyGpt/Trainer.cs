using System.Diagnostics;
using System.Globalization;
using QuantDsl.Checkpoints;
using QuantDsl.Training;

namespace TinyGptSample;

/// <summary>Trains one variant: same seed, same batches, same schedule as every other variant.</summary>
internal static class Trainer
{
    public static VariantResult Run(Variant variant, TrainingSettings settings, int[] train, int[] validation, int vocab, QuantDsl.Device device, string? checkpointDir, bool resume, TextWriter log)
    {
        var config = new TinyGptConfig(vocab, settings.Context, settings.Width, settings.Layers, settings.Heads);
        // Initialized on the host from the seed, then moved: the same model on every device.
        using var model = new TinyGpt(config, variant.Linear, settings.Seed, device);
        var optimizer = new AdamW(model.Parameters);
        var schedule = new LearningRateSchedule(settings.LearningRate, settings.LearningRate / 10, Math.Max(1, settings.Steps / 10), settings.Steps);
        string? checkpoint = checkpointDir is null ? null : Path.Combine(checkpointDir, variant.Name + ".safetensors");
        if (resume && checkpoint is not null && File.Exists(checkpoint))
        {
            Checkpoint.Load(checkpoint, model, optimizer);
            log.WriteLine($"  resumed {variant.Name} from {checkpoint} at step {optimizer.Step}");
        }

        var (evalInputs, evalTargets) = FixedBatches(validation, settings, settings.Seed + 1);
        var result = new VariantResult(variant.Name, variant.Description, [], [], 0, 0);
        var clock = Stopwatch.StartNew();
        long tokens = 0;
        int tokensPerStep = settings.Batch * settings.Context;
        for (int step = optimizer.Step; step < settings.Steps; step++)
        {
            // The data order depends on the seed and the step only: every variant sees the same batches.
            var (inputs, targets) = Batch(train, settings, new Random(HashCode.Combine(settings.Seed, step)));
            model.ZeroGrad();
            float loss = model.ForwardLoss(inputs, targets, settings.Batch, settings.Context);
            model.Backward();
            GradientClipping.ClipGlobalNorm(model.Parameters, 1f);
            optimizer.Update(schedule.At(step));
            tokens += tokensPerStep;
            result.Train.Add((step + 1, loss));

            bool last = step == settings.Steps - 1;
            if ((step + 1) % settings.EvalEvery == 0 || last)
            {
                double validationLoss = Evaluate(model, evalInputs, evalTargets, settings);
                result.Validation.Add((step + 1, validationLoss));
                double rate = tokens / clock.Elapsed.TotalSeconds;
                double eta = (settings.Steps - step - 1) * tokensPerStep / rate;
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {variant.Name,-10} step {step + 1,5}/{settings.Steps}  train {Smoothed(result.Train):F4}  val {validationLoss:F4}  {rate,7:F0} tok/s  ETA {TimeSpan.FromSeconds(eta):mm\\:ss}"));
                if (checkpoint is not null)
                {
                    Checkpoint.Save(checkpoint, model, optimizer, new Dictionary<string, string> { ["variant"] = variant.Name });
                }
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        return result with { TokensPerSecond = tokens / Math.Max(seconds, 1e-9), Seconds = seconds };
    }

    private static double Smoothed(List<(int Step, double Loss)> train) =>
        train.Skip(Math.Max(0, train.Count - 20)).Average(p => p.Loss);

    private static double Evaluate(TinyGpt model, List<int[]> inputs, List<int[]> targets, TrainingSettings settings)
    {
        double sum = 0;
        for (int i = 0; i < inputs.Count; i++)
        {
            sum += model.Evaluate(inputs[i], targets[i], settings.Batch, settings.Context);
        }

        return sum / inputs.Count;
    }

    private static (int[] Inputs, int[] Targets) Batch(int[] data, TrainingSettings settings, Random random)
    {
        int t = settings.Context;
        var inputs = new int[settings.Batch * t];
        var targets = new int[settings.Batch * t];
        for (int b = 0; b < settings.Batch; b++)
        {
            int start = random.Next(0, data.Length - t - 1);
            Array.Copy(data, start, inputs, b * t, t);
            Array.Copy(data, start + 1, targets, b * t, t);
        }

        return (inputs, targets);
    }

    private static (List<int[]> Inputs, List<int[]> Targets) FixedBatches(int[] data, TrainingSettings settings, int seed)
    {
        var random = new Random(seed);
        var inputs = new List<int[]>();
        var targets = new List<int[]>();
        for (int i = 0; i < settings.EvalBatches; i++)
        {
            var (x, y) = Batch(data, settings, random);
            inputs.Add(x);
            targets.Add(y);
        }

        return (inputs, targets);
    }
}
