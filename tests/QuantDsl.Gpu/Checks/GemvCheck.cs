using System.Globalization;
using ILGPU.Runtime;
using QuantDsl.Gpu.Bench;
using QuantDsl.Kernels.Gemv;
using QuantDsl.Oracle;

namespace QuantDsl.Gpu.Checks;

/// <summary>
/// The weight-only decode GEMVs (<see cref="Int8Gemv"/>, <see cref="Fp4Gemv"/>) against the scalar oracle (every output,
/// float32 summation bound), then the median time as GB/s of compressed weight bytes read and as a share of the
/// device's measured copy bandwidth (the design target is 85 %) and of its HBM datasheet figure.
/// Shape: Tokens (1..16) × InFeatures → OutFeatures.
/// </summary>
public static class GemvCheck
{
    /// <summary>The check of the int8 (<paramref name="fp4"/> false) or FP4 GEMV at <paramref name="shape"/>.</summary>
    public static Check Create(Shape shape, bool fp4) =>
        new($"gemv/{(fp4 ? "fp4" : "int8")}/{shape.Name}", shape, context => Run(context, shape, fp4));

    private static CheckOutcome Run(HarnessContext context, Shape shape, bool fp4)
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
        using var xBuffer = gpu.Allocate<float>(x.Length);
        using var wBuffer = gpu.Allocate<int>(packed.LongLength);
        using var sBuffer = gpu.Allocate<float>(outFeatures);
        using var bBuffer = gpu.Allocate<float>(outFeatures);
        using var y = gpu.Allocate<float>((long)tokens * outFeatures);
        xBuffer.View.CopyFromCPU(gpu.Stream, x);
        wBuffer.View.CopyFromCPU(gpu.Stream, packed);
        sBuffer.View.CopyFromCPU(gpu.Stream, scales);
        bBuffer.View.CopyFromCPU(gpu.Stream, bias);
        void Launch()
        {
            if (fp4)
            {
                gpu.Launch(Fp4Gemv.Kernel, Fp4Gemv.Config(outFeatures), xBuffer.View.AsContiguous(), wBuffer.View.AsContiguous(), sBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), 1, y.View.AsContiguous(), SpecializedValue.New(tokens), inFeatures, outFeatures, words);
            }
            else
            {
                gpu.Launch(Int8Gemv.Kernel, Int8Gemv.Config(outFeatures), xBuffer.View.AsContiguous(), wBuffer.View.AsContiguous(), sBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), 1, y.View.AsContiguous(), SpecializedValue.New(tokens), inFeatures, outFeatures, words);
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
        var report = Tolerance.Check(actual, expected, i => Tolerance.Fp32Sum(inFeatures + 1, magnitude[i]));

        double seconds = KernelTiming.Median(gpu, Launch);
        double bytes = packed.LongLength * 4.0;
        double gbps = bytes / seconds / 1e9;
        var limits = DeviceLimits.For(context.Device.Name);
        string message = string.Create(
            CultureInfo.InvariantCulture,
            $"{actual.Length} outputs vs the oracle: {report}\n" +
            $"{(fp4 ? "FP4" : "int8")} GEMV {shape}: median {seconds * 1e6:F1} µs, {gbps:F0} GB/s of {bytes / 1e6:F1} MB weights = {100 * gbps / limits.MeasuredCopyGBps:F1}% of the measured copy {limits.MeasuredCopyGBps:F0} GB/s, {100 * gbps / limits.HbmGBps:F1}% of {limits.HbmLabel} ({KernelTiming.Repetitions} reps, sync each)");
        context.Log.Line(message);
        return new CheckOutcome(report.Passed, report.WorstRatio, seconds, message);
    }
}
