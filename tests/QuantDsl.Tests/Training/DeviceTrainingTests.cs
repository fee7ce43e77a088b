using QuantDsl.Checkpoints;
using QuantDsl.Oracle;
using QuantDsl.Tests.Backends;
using QuantDsl.Tests.Packaging;
using QuantDsl.Training;

namespace QuantDsl.Tests.Training;

/// <summary>
/// The training stack on an accelerator (ILGPU's CPU accelerator here; CUDA runs the same kernels) against the CPU
/// implementation: each op forward and backward at odd sizes, a full TinyGpt step, a short run, and checkpoints.
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class DeviceTrainingTests(DeviceFixture devices) : IDisposable
{
    // Odd sizes: width 18 with 3 heads (head size 6), 2 × 5 tokens, 7 classes.
    private static readonly TinyGptConfig Config = new(VocabSize: 7, Context: 6, Width: 18, Layers: 2, Heads: 3, MlpRatio: 2);
    private readonly TemporaryFolder folder = new("quantdsl-device-training");

    private Device Accelerator => devices.Get(Backend.IlgpuCpu);

    [Fact]
    public void Gelu_forward_and_backward_match_the_cpu()
    {
        var h = Inputs.Normal(37, seed: 1, scale: 3f);
        var d = Inputs.Normal(37, seed: 2, scale: 1f);
        using var hCpu = Tensor.FromArray(h, 37);
        using var dCpu = Tensor.FromArray(d, 37);
        using var hGpu = Tensor.FromArray(Accelerator, h, 37);
        using var dGpu = Tensor.FromArray(Accelerator, d, 37);
        using var aCpu = Gelu.Forward(hCpu);
        using var aGpu = Gelu.Forward(hGpu);
        using var gCpu = Gelu.Backward(hCpu, dCpu);
        using var gGpu = Gelu.Backward(hGpu, dGpu);

        // tanh through exp: a handful of roundings per element, no sums (terms = 1).
        DeviceTolerance.AssertClose(aGpu.ToArray(), aCpu.ToArray(), terms: 1, chained: 2, "GELU");
        DeviceTolerance.AssertClose(gGpu.ToArray(), gCpu.ToArray(), terms: 1, chained: 3, "GELU′");
    }

    [Fact]
    public void LayerNorm_forward_and_backward_match_the_cpu()
    {
        // 133 rows: the GPU parameter gradients sum two full row chunks and a ragged third.
        const int Rows = 133, N = 19;
        var x = Inputs.Normal(Rows * N, seed: 3, scale: 2f);
        var dy = Inputs.Normal(Rows * N, seed: 4, scale: 1f);
        using var cpu = new LayerNorm("ln", N);
        using var gpu = new LayerNorm("ln", N);
        var gain = Inputs.Normal(N, seed: 5, scale: 1f);
        cpu.Gain.Value.CopyFrom(gain);
        gpu.Gain.Value.CopyFrom(gain);
        gpu.MoveTo(Accelerator);

        using var xCpu = Tensor.FromArray(x, Rows, N);
        using var xGpu = Tensor.FromArray(Accelerator, x, Rows, N);
        using var yCpu = cpu.Forward(xCpu);
        using var yGpu = gpu.Forward(xGpu);
        using var dyCpu = Tensor.FromArray(dy, Rows, N);
        using var dyGpu = Tensor.FromArray(Accelerator, dy, Rows, N);
        using var dxCpu = cpu.Backward(dyCpu);
        using var dxGpu = gpu.Backward(dyGpu);

        // Mean, variance, then the normalized value: three chained sums of N terms; the backward adds two more.
        DeviceTolerance.AssertClose(yGpu.ToArray(), yCpu.ToArray(), N, 3, "LayerNorm y");
        DeviceTolerance.AssertClose(dxGpu.ToArray(), dxCpu.ToArray(), N, 5, "LayerNorm dx");
        DeviceTolerance.AssertClose(gpu.Gain.Grad!.ToArray(), cpu.Gain.Grad!.ToArray(), Rows, 4, "LayerNorm dg");
        DeviceTolerance.AssertClose(gpu.Shift.Grad!.ToArray(), cpu.Shift.Grad!.ToArray(), Rows, 1, "LayerNorm db");
        Assert.Throws<ArgumentException>(() => gpu.Forward(xCpu));
    }

    [Fact]
    public void Attention_forward_and_backward_match_the_cpu()
    {
        const int Batch = 2, Context = 5, Width = 18, Heads = 3;
        LinearFactory linear = (_, i, o, bias, s) => new FullPrecisionLinear(i, o, bias, s);
        using var cpu = new CausalSelfAttention("attn", Width, Heads, linear, seed: 7);
        using var gpu = new CausalSelfAttention("attn", Width, Heads, linear, seed: 7);
        gpu.MoveTo(Accelerator);
        var x = Inputs.Normal(Batch * Context * Width, seed: 8, scale: 1f);
        var dy = Inputs.Normal(Batch * Context * Width, seed: 9, scale: 1f);

        using var xCpu = Tensor.FromArray(x, Batch * Context, Width);
        using var xGpu = Tensor.FromArray(Accelerator, x, Batch * Context, Width);
        using var yCpu = cpu.Forward(xCpu, Batch, Context);
        using var yGpu = gpu.Forward(xGpu, Batch, Context);
        using var dyCpu = Tensor.FromArray(dy, Batch * Context, Width);
        using var dyGpu = Tensor.FromArray(Accelerator, dy, Batch * Context, Width);
        using var dxCpu = cpu.Backward(dyCpu);
        using var dxGpu = gpu.Backward(dyGpu);

        // Forward: QKV, scores, max/sum of the softmax, P·V, projection (6 chained sums of ≤ 3·18 terms); the
        // backward walks them back (7 more).
        DeviceTolerance.AssertClose(yGpu.ToArray(), yCpu.ToArray(), 3 * Width, 6, "attention y");
        DeviceTolerance.AssertClose(dxGpu.ToArray(), dxCpu.ToArray(), 3 * Width, 13, "attention dx");
        foreach (var (c, g, name) in new[] { (cpu.Qkv, gpu.Qkv, "qkv"), (cpu.Proj, gpu.Proj, "proj") })
        {
            DeviceTolerance.AssertClose(g.Weight.Grad!.ToArray(), c.Weight.Grad!.ToArray(), 3 * Width, 13, name + ".weight grad");
            DeviceTolerance.AssertClose(g.Bias!.Grad!.ToArray(), c.Bias!.Grad!.ToArray(), 3 * Width, 13, name + ".bias grad");
        }
    }

    [Fact]
    public void Cross_entropy_loss_and_gradient_match_the_cpu()
    {
        const int Rows = 5, Classes = 11;
        var logits = Inputs.Normal(Rows * Classes, seed: 10, scale: 3f);
        int[] targets = [0, 10, 3, 3, 7];
        using var cpuLogits = Tensor.FromArray(logits, Rows, Classes);
        using var gpuLogits = Tensor.FromArray(Accelerator, logits, Rows, Classes);
        using var cpuGradient = Tensor.Zeros(Device.Cpu(), Rows, Classes);
        using var gpuGradient = Tensor.Zeros(Accelerator, Rows, Classes);

        float cpuLoss = CrossEntropy.Loss(cpuLogits, targets, cpuGradient);
        float gpuLoss = CrossEntropy.Loss(gpuLogits, targets, gpuGradient);
        float evaluated = CrossEntropy.Loss(gpuLogits, targets, null);

        // max, Σexp, log, then the mean over rows: three chained sums of ≤ 11 terms.
        DeviceTolerance.AssertClose([gpuLoss], [cpuLoss], Classes, 3, "loss");
        Assert.Equal(gpuLoss, evaluated);
        DeviceTolerance.AssertClose(gpuGradient.ToArray(), cpuGradient.ToArray(), Classes, 3, "dlogits");
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossEntropy.Loss(gpuLogits, [0, 11, 0, 0, 0], null));
    }

    [Fact]
    public void Clipping_and_AdamW_on_the_accelerator_match_the_cpu_and_refuse_non_finite_gradients()
    {
        using var cpuLayer = new FullPrecisionLinear(7, 3, bias: true, seed: 4);
        using var gpuLayer = new FullPrecisionLinear(7, 3, bias: true, seed: 4);
        gpuLayer.MoveTo(Accelerator);
        var cpuParameters = new[] { new TrainableParameter("w", cpuLayer.Weight, true), new TrainableParameter("b", cpuLayer.Bias!, false) };
        var gpuParameters = new[] { new TrainableParameter("w", gpuLayer.Weight, true), new TrainableParameter("b", gpuLayer.Bias!, false) };
        var cpuOptimizer = new AdamW(cpuParameters, weightDecay: 0.1f);
        var gpuOptimizer = new AdamW(gpuParameters, weightDecay: 0.1f);
        for (int step = 0; step < 2; step++)
        {
            var weightGrad = Inputs.Normal(21, seed: 20 + step, scale: 2f);
            var biasGrad = Inputs.Normal(3, seed: 30 + step, scale: 2f);
            cpuLayer.Weight.EnsureGrad().CopyFrom(weightGrad);
            cpuLayer.Bias!.EnsureGrad().CopyFrom(biasGrad);
            gpuLayer.Weight.EnsureGrad().CopyFrom(weightGrad);
            gpuLayer.Bias!.EnsureGrad().CopyFrom(biasGrad);

            float cpuNorm = GradientClipping.ClipGlobalNorm(cpuParameters, 1f);
            float gpuNorm = GradientClipping.ClipGlobalNorm(gpuParameters, 1f);
            Assert.True(cpuNorm > 1f, "the test needs gradients that get clipped");
            DeviceTolerance.AssertClose([gpuNorm], [cpuNorm], 24, 2, "global norm");
            DeviceTolerance.AssertClose(gpuLayer.Weight.Grad!.ToArray(), cpuLayer.Weight.Grad!.ToArray(), 24, 3, "clipped weight grad");

            cpuOptimizer.Update(0.01f);
            gpuOptimizer.Update(0.01f);
        }

        // Elementwise AdamW after clipped gradients: a few roundings per element on top of the clipping's.
        DeviceTolerance.AssertClose(gpuLayer.Weight.Value.ToArray(), cpuLayer.Weight.Value.ToArray(), 24, 4, "weight after AdamW");
        DeviceTolerance.AssertClose(gpuLayer.Bias!.Value.ToArray(), cpuLayer.Bias!.Value.ToArray(), 24, 4, "bias after AdamW");
        DeviceTolerance.AssertClose(gpuOptimizer.SecondMoments[0].ToArray(), cpuOptimizer.SecondMoments[0].ToArray(), 24, 4, "second moment");
        Assert.Equal(Accelerator, gpuOptimizer.FirstMoments[0].Device);

        var before = gpuLayer.Weight.Value.ToArray();
        var poisoned = gpuLayer.Bias!.Grad!.ToArray();
        poisoned[1] = float.PositiveInfinity;
        gpuLayer.Bias.Grad.CopyFrom(poisoned);
        var error = Assert.Throws<NonFiniteValueException>(() => gpuOptimizer.Update(0.01f));
        Assert.Contains("b holds 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, gpuLayer.Weight.Value.ToArray());
        Assert.Equal(2, gpuOptimizer.Step);
        Assert.True(float.IsInfinity(GradientClipping.ClipGlobalNorm(gpuParameters, 1f)));
    }

    [Fact]
    public void One_training_step_on_the_accelerator_matches_the_cpu_for_the_loss_and_every_gradient()
    {
        using var cpu = FullPrecision(Device.Cpu());
        using var gpu = FullPrecision(Accelerator);
        Assert.Equal(Accelerator, gpu.Device);
        Assert.All(gpu.Parameters, p => Assert.Equal(Accelerator, p.Parameter.Value.Device));
        var (tokens, targets) = TinyModels.Pattern(batch: 2, context: 5, vocab: Config.VocabSize);

        float cpuLoss = cpu.ForwardLoss(tokens, targets, 2, 5);
        float gpuLoss = gpu.ForwardLoss(tokens, targets, 2, 5);
        cpu.Backward();
        gpu.Backward();

        // Longest path: embedding, 2 blocks of ≈ 14 chained sums forward and ≈ 20 backward, the final norm, the head
        // and the loss; the longest sum has 2·18 = 36 terms (the MLP).
        int chained = (Config.Layers * 34) + 10, terms = Config.MlpRatio * Config.Width;
        DeviceTolerance.AssertClose([gpuLoss], [cpuLoss], terms, chained, "loss");
        for (int i = 0; i < cpu.Parameters.Count; i++)
        {
            Assert.Equal(cpu.Parameters[i].Name, gpu.Parameters[i].Name);
            DeviceTolerance.AssertClose(
                gpu.Parameters[i].Parameter.Grad!.ToArray(), cpu.Parameters[i].Parameter.Grad!.ToArray(), terms, chained, cpu.Parameters[i].Name + " grad");
        }
    }

    [Fact]
    public void A_short_run_on_the_accelerator_lowers_the_loss()
    {
        using var model = new TinyGpt(Config with { Layers = 1, Width = 16, Heads = 2 }, (_, i, o, bias, s) => new FullPrecisionLinear(i, o, bias, s), 5, Accelerator);
        var optimizer = new AdamW(model.Parameters, weightDecay: 0f);
        var losses = new float[16];
        for (int step = 0; step < losses.Length; step++)
        {
            var (tokens, targets) = TinyModels.Pattern(batch: 2, context: 6, vocab: Config.VocabSize, offset: step % 7);
            model.ZeroGrad();
            losses[step] = model.ForwardLoss(tokens, targets, 2, 6);
            model.Backward();
            GradientClipping.ClipGlobalNorm(model.Parameters, 1f);
            optimizer.Update(2e-2f);
        }

        Assert.All(losses, l => Assert.True(float.IsFinite(l)));
        Assert.True(losses[^1] < 0.7 * losses[0], $"loss {losses[0]} → {losses[^1]}: {string.Join(", ", losses)}");
    }

    [Fact]
    public void A_device_model_checkpoint_round_trips_bit_for_bit_and_a_corrupt_file_changes_nothing()
    {
        using var model = FullPrecision(Accelerator);
        var optimizer = new AdamW(model.Parameters);
        var (tokens, targets) = TinyModels.Pattern(batch: 2, context: 5, vocab: Config.VocabSize);
        model.ForwardLoss(tokens, targets, 2, 5);
        model.Backward();
        optimizer.Update(1e-2f);
        string path = Path.Combine(folder.FullPath, "device.safetensors");
        Checkpoint.Save(path, model, optimizer);

        using var restored = new TinyGpt(Config, (_, i, o, bias, s) => new FullPrecisionLinear(i, o, bias, s), 99, Accelerator);
        var restoredOptimizer = new AdamW(restored.Parameters);
        Checkpoint.Load(path, restored, restoredOptimizer);
        Assert.Equal(optimizer.Step, restoredOptimizer.Step);
        for (int i = 0; i < model.Parameters.Count; i++)
        {
            Assert.Equal(model.Parameters[i].Parameter.Value.ToArray(), restored.Parameters[i].Parameter.Value.ToArray());
            Assert.Equal(optimizer.FirstMoments[i].ToArray(), restoredOptimizer.FirstMoments[i].ToArray());
            Assert.Equal(optimizer.SecondMoments[i].ToArray(), restoredOptimizer.SecondMoments[i].ToArray());
            Assert.Equal(Accelerator, restoredOptimizer.SecondMoments[i].Device);
        }

        // A NaN in the file's last four bytes (the last element of the last tensor): found only after the header and
        // the other tensors were read and checked.
        using var target = new TinyGpt(Config, (_, i, o, bias, s) => new FullPrecisionLinear(i, o, bias, s), 42, Accelerator);
        var targetOptimizer = new AdamW(target.Parameters);
        var before = target.Parameters.Select(p => p.Parameter.Value.ToArray()).ToList();
        byte[] bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(float.NaN).CopyTo(bytes, bytes.Length - 4);
        string corruptPath = Path.Combine(folder.FullPath, "corrupt.safetensors");
        File.WriteAllBytes(corruptPath, bytes);

        Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(corruptPath, target, targetOptimizer));
        Assert.Equal(0, targetOptimizer.Step);
        for (int i = 0; i < target.Parameters.Count; i++)
        {
            Assert.Equal(before[i], target.Parameters[i].Parameter.Value.ToArray());
            Assert.All(targetOptimizer.FirstMoments[i].ToArray(), m => Assert.Equal(0f, m));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => folder.Dispose();

    private static TinyGpt FullPrecision(Device device) =>
        new(Config, (_, i, o, bias, s) => new FullPrecisionLinear(i, o, bias, s), 3, device);
}
