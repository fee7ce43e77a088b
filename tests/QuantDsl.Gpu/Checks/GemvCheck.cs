using System.Globalization;
using ILGPU;
using ILGPU.Runtime;
using QuantDsl.Gpu.Bench;
using QuantDsl.Kernels.Gemv;
using QuantDsl.Oracle;
using QuantDsl.Runtime;

namespace QuantDsl.Gpu.Checks;

/// <summary>
/// The weight-only decode GEMVs — on CUDA cores (<see cref="Int8Gemv"/>, <see cref="Fp4Gemv"/>) or on tensor cores
/// (<see cref="SkinnyMmaGemm{TWeights}"/> after its <see cref="SkinnyActivations"/> split, both kernels timed) — against
/// the scalar oracle (every output,
/// float32 summation bound), then the median time as GB/s of compressed weight bytes read and as a share of the
/// device's measured copy bandwidth (the design target is 85 %) and of its HBM datasheet figure, timed back-to-back and
/// with a synchronization after each call, over rotated weight copies so that no call finds its weights in L2; and the
/// full-precision peer in the same command (<see cref="Fp16GemmPeer"/>: cuBLAS fp16 on the same shape, timed the same way).
/// Shape: Tokens (1..16) × InFeatures → OutFeatures.
/// </summary>
public static class GemvCheck
{
    /// <summary>Bytes of weight copies the timing rotates over: four times the H200's 50 MB L2.</summary>
    private const double ColdBytes = 200e6;

    /// <summary>
    /// The check of the int8 (<paramref name="fp4"/> false) or FP4 GEMV at <paramref name="shape"/>, on CUDA cores or on
    /// tensor cores (<paramref name="tensorCores"/>: named <c>gemv-mma/…</c>).
    /// </summary>
    public static Check Create(Shape shape, bool fp4, bool tensorCores = false) =>
        new($"{(tensorCores ? "gemv-mma" : "gemv")}/{(fp4 ? "fp4" : "int8")}/{shape.Name}", shape, context => Run(context, shape, fp4, tensorCores ? DecodeKernel.TensorCores : DecodeKernel.Staged, streamingChannels: 0));

    /// <summary>
    /// The check of the one-token streaming int8 GEMV (<see cref="Int8StreamingGemv"/>) at
    /// <paramref name="channelsPerWarp"/> output channels per warp, named <c>gemv-stream{channelsPerWarp}/int8/…</c>.
    /// </summary>
    public static Check CreateStreaming(Shape shape, int channelsPerWarp) =>
        new($"gemv-stream{channelsPerWarp}/int8/{shape.Name}", shape, context => Run(context, shape, fp4: false, DecodeKernel.Streaming, channelsPerWarp));

    /// <summary>
    /// The check of <see cref="DeviceDecodeGemv"/>'s own choice of kernel for <paramref name="shape"/> (what a caller
    /// gets), named <c>decode/…</c>; the message names the kernel chosen.
    /// </summary>
    public static Check CreateRouted(Shape shape, bool fp4) =>
        new($"decode/{(fp4 ? "fp4" : "int8")}/{shape.Name}", shape, context => Run(context, shape, fp4, kernel: null, streamingChannels: 0));

    /// <summary>Runs <paramref name="kernel"/> (null: what <see cref="DeviceDecodeGemv"/> chooses) through the router, except the streaming GEMV at <paramref name="streamingChannels"/> channels per warp, launched directly.</summary>
    private static CheckOutcome Run(HarnessContext context, Shape shape, bool fp4, DecodeKernel? kernel, int streamingChannels)
    {
        int tokens = shape.Tokens, inFeatures = shape.InFeatures, outFeatures = shape.OutFeatures;
        var random = new Random(11);
        var x = Inputs.Normal(tokens * inFeatures, seed: 12);
        var scales = Enumerable.Range(0, outFeatures).Select(_ => 0.001f + (0.01f * (float)random.NextDouble())).ToArray();
        var bias = Inputs.Normal(outFeatures, seed: 13);
        int[] packed;
        int words;
        Func<int, int, double> weight;
        if (fp4)
        {
            var codes = new byte[(long)outFeatures * inFeatures];
            random.NextBytes(codes);
            for (long i = 0; i < codes.LongLength; i++)
            {
                codes[i] &= 0xF;
            }

            words = Fp4WeightPacking.GpuWordsPerRow(inFeatures);
            packed = Fp4WeightPacking.Pack(codes, outFeatures, inFeatures, words);
            weight = (o, k) => GemvReference.E2M1Values[codes[((long)o * inFeatures) + k]];
        }
        else
        {
            var codes = new sbyte[(long)outFeatures * inFeatures];
            for (long i = 0; i < codes.LongLength; i++)
            {
                codes[i] = (sbyte)random.Next(-127, 128);
            }

            words = (inFeatures + 31) / 32 * 8;
            packed = new int[(long)outFeatures * words];
            for (int o = 0; o < outFeatures; o++)
            {
                for (int k = 0; k < inFeatures; k++)
                {
                    packed[((long)o * words) + (k / 4)] |= (codes[((long)o * inFeatures) + k] & 0xFF) << (8 * (k % 4));
                }
            }

            weight = (o, k) => codes[((long)o * inFeatures) + k];
        }

        var gpu = context.Device.Gpu;
        var chosen = kernel ?? DeviceDecodeGemv.Choose(tokens, outFeatures, !fp4, gpu.Accelerator.NumMultiprocessors);
        bool tensorCores = chosen == DecodeKernel.TensorCores;

        // Timing cycles over copies of the weights that together exceed the L2 (50 MB on the H200) several times, so
        // every call reads its weights from HBM; copy 0 is also the one the oracle check reads.
        int copies = (int)Math.Clamp(Math.Ceiling(ColdBytes / (packed.LongLength * 4.0)), 1, 16);
        using var xBuffer = gpu.Allocate<float>(x.Length);
        var wBuffers = new MemoryBuffer1D<int, Stride1D.Dense>[copies];
        using var sBuffer = gpu.Allocate<float>(outFeatures);
        using var bBuffer = gpu.Allocate<float>(outFeatures);
        using var y = gpu.Allocate<float>((long)tokens * outFeatures);
        xBuffer.View.CopyFromCPU(gpu.Stream, x);
        sBuffer.View.CopyFromCPU(gpu.Stream, scales);
        bBuffer.View.CopyFromCPU(gpu.Stream, bias);
        for (int c = 0; c < copies; c++)
        {
            wBuffers[c] = gpu.Allocate<int>(packed.LongLength);
            wBuffers[c].View.CopyFromCPU(gpu.Stream, packed);
        }

        try
        {
            return Measure();
        }
        finally
        {
            foreach (var buffer in wBuffers)
            {
                buffer.Dispose();
            }
        }

        CheckOutcome Measure()
        {
            int call = 0;
            void Launch()
            {
                var weights = wBuffers[call++ % copies].View.AsContiguous();
                if (kernel == DecodeKernel.Streaming)
                {
                    gpu.Launch(Int8StreamingGemv.Kernel, Int8StreamingGemv.Config(outFeatures, streamingChannels), xBuffer.View.AsContiguous(), weights, sBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), 1, y.View.AsContiguous(), SpecializedValue.New(streamingChannels), inFeatures, outFeatures, words, weights.LoadEffectiveAddressAsPtr().ToInt64());
                }
                else if (fp4)
                {
                    DeviceDecodeGemv.Multiply<Fp4SkinnyWeights>(gpu, xBuffer.View.AsContiguous(), weights, sBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), y.View.AsContiguous(), tokens, inFeatures, outFeatures, words, kernel);
                }
                else
                {
                    DeviceDecodeGemv.Multiply<Int8SkinnyWeights>(gpu, xBuffer.View.AsContiguous(), weights, sBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), y.View.AsContiguous(), tokens, inFeatures, outFeatures, words, kernel);
                }
            }

            Launch();
            gpu.Synchronize();
            var actual = y.GetAsArray1D();
            var expected = new double[actual.Length];
            var magnitude = new double[actual.Length];
            Parallel.For(0, actual.Length, i =>
            {
                int t = i / outFeatures, o = i % outFeatures;
                double sum = 0, size = 0;
                for (int k = 0; k < inFeatures; k++)
                {
                    double term = x[((long)t * inFeatures) + k] * weight(o, k) * scales[o];
                    sum += term;
                    size += Math.Abs(term);
                }

                expected[i] = sum + bias[o];
                magnitude[i] = size + Math.Abs(bias[o]);
            });
            // The tensor-core path splits x into two TF32 parts: 4 more roundings per term.
            var report = Tolerance.Check(actual, expected, i => Tolerance.Fp32Sum(inFeatures + (tensorCores ? 5 : 1), magnitude[i]));

            // Back-to-back launches (as the bench times cuBLAS) give the kernel's own time; a sync after each call adds the
            // launch and synchronization latency a decode step pays when it waits for every layer.
            double seconds = BenchTimer.MedianMilliseconds(Launch, gpu.Synchronize, KernelTiming.Repetitions, batch: true) / 1e3;
            double synced = KernelTiming.Median(gpu, Launch);
            double? peer = Fp16GemmPeer.MedianSeconds(gpu, tokens, inFeatures, outFeatures, ColdBytes, out string? noPeer);
            string peerLine = peer is double peerSeconds
                ? FormattableString.Invariant($"cuBLAS fp16 GEMM, same shape, cold, back-to-back: {peerSeconds * 1e6:F1} µs ({2.0 * inFeatures * outFeatures / peerSeconds / 1e9:F0} GB/s of its fp16 weights); the GEMV is {peerSeconds / seconds:F2}× its speed")
                : $"no full-precision peer: {noPeer}";
            double bytes = packed.LongLength * 4.0;
            double gbps = bytes / seconds / 1e9;
            var limits = DeviceLimits.For(context.Device.Name);
            string message = string.Create(
                CultureInfo.InvariantCulture,
                $"{actual.Length} outputs vs the oracle: {report}\n" +
                $"{(fp4 ? "FP4" : "int8")} GEMV{(kernel is null ? $" (DeviceDecodeGemv chose {chosen})" : tensorCores ? " (tensor cores, split included)" : chosen == DecodeKernel.Streaming ? $" (streaming, {streamingChannels} channels per warp)" : string.Empty)} {shape}: median {seconds * 1e6:F1} µs back-to-back, {gbps:F0} GB/s of {bytes / 1e6:F1} MB weights = {100 * gbps / limits.MeasuredCopyGBps:F1}% of the measured copy {limits.MeasuredCopyGBps:F0} GB/s, {100 * gbps / limits.HbmGBps:F1}% of {limits.HbmLabel}; {synced * 1e6:F1} µs = {bytes / synced / 1e9:F0} GB/s with a sync after each call ({KernelTiming.Repetitions} reps; {copies} weight copies rotated, {copies * bytes / 1e6:F0} MB, so no call reads them from L2)\n{peerLine}");
            context.Log.Line(message);
            return new CheckOutcome(report.Passed, report.WorstRatio, seconds, message);
        }
    }
}
