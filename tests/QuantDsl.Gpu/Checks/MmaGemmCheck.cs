using System.Globalization;
using QuantDsl.Kernels.Gemm;
using ILGPU.Runtime;

namespace QuantDsl.Gpu.Checks;

/// <summary>
/// The tensor-core int8 main loop (<see cref="Int8MmaGemm"/>) through the exact <see cref="Int32StoreEpilogue"/>: sampled
/// rows and columns (every element of each, plus the last row and column) equal the int32 oracle exactly; then the median
/// time of the mma kernel and of the SIMT kernel on the same operands, as TOPS (2·M·N·K per second).
/// Shape: Tokens = rows (M), InFeatures = K, OutFeatures = cols (N).
/// </summary>
public static class MmaGemmCheck
{
    private const int SampledLines = 48;

    /// <summary>The check at <paramref name="shape"/>.</summary>
    public static Check Create(Shape shape) => new($"mma/int8-gemm/{shape.Name}", shape, context => Run(context, shape));

    private static CheckOutcome Run(HarnessContext context, Shape shape)
    {
        int rows = shape.Tokens, k = shape.InFeatures, cols = shape.OutFeatures;
        int words = ((k + Int8MmaGemm.KMultiple - 1) / Int8MmaGemm.KMultiple) * Int8MmaGemm.KMultiple / 4;
        var a = Codes(rows, k, words, seed: 1);
        var b = Codes(cols, k, words, seed: 2);
        var gpu = context.Device.Gpu;
        using var aBuffer = gpu.Allocate<int>((long)rows * words);
        using var bBuffer = gpu.Allocate<int>((long)cols * words);
        using var output = gpu.Allocate<int>((long)rows * cols);
        aBuffer.View.CopyFromCPU(gpu.Stream, a);
        bBuffer.View.CopyFromCPU(gpu.Stream, b);
        var epilogue = new Int32StoreEpilogue(output.View.AsContiguous(), cols);
        void Mma() => gpu.Launch(Int8MmaGemm.Kernel, Int8MmaGemm.Config(rows, cols), aBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), epilogue, rows, cols, words);
        void Simt() => gpu.Launch(Int8SimtGemm.Kernel, Int8SimtGemm.Config(rows, cols), aBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), epilogue, rows, cols, words);

        Mma();
        gpu.Synchronize();
        var result = output.GetAsArray1D();
        var random = new Random(3);
        var sampleRows = Enumerable.Range(0, SampledLines).Select(_ => random.Next(rows)).Append(rows - 1).Append(0).Distinct().ToArray();
        var sampleCols = Enumerable.Range(0, SampledLines).Select(_ => random.Next(cols)).Append(cols - 1).Append(0).Distinct().ToArray();
        long mismatches = 0, compared = 0;
        string? first = null;
        Parallel.ForEach(sampleRows, r => Compare(r, null));
        Parallel.ForEach(sampleCols, c => Compare(null, c));

        double mmaSeconds = KernelTiming.Median(gpu, Mma);
        double simtSeconds = KernelTiming.Median(gpu, Simt);
        double operations = 2.0 * rows * cols * k;
        string message = string.Create(
            CultureInfo.InvariantCulture,
            $"{compared} sampled outputs ({sampleRows.Length} rows, {sampleCols.Length} columns) vs the exact int32 oracle: {mismatches} differ{(first is null ? string.Empty : $" (first {first})")}\n" +
            $"mma int8 GEMM {shape}: median {mmaSeconds * 1e3:F3} ms = {operations / mmaSeconds / 1e12:F1} TOPS; SIMT dp4a: {simtSeconds * 1e3:F3} ms = {operations / simtSeconds / 1e12:F1} TOPS ({KernelTiming.Repetitions} reps, sync each)");
        context.Log.Line(message);
        return new CheckOutcome(mismatches == 0, mismatches == 0 ? 0 : double.PositiveInfinity, mmaSeconds, message);

        void Compare(int? row, int? col)
        {
            int count = row is null ? rows : cols;
            for (int i = 0; i < count; i++)
            {
                int r = row ?? i, c = col ?? i;
                int expected = Dot(a, b, r, c, words);
                int actual = result[((long)r * cols) + c];
                Interlocked.Increment(ref compared);
                if (expected != actual && Interlocked.Increment(ref mismatches) == 1)
                {
                    first = $"[{r}, {c}] = {actual}, oracle {expected}";
                }
            }
        }
    }

    private static int Dot(int[] a, int[] b, int row, int col, int words)
    {
        int sum = 0;
        long ra = (long)row * words, rb = (long)col * words;
        for (int w = 0; w < words; w++)
        {
            int x = a[ra + w], y = b[rb + w];
            sum += ((sbyte)x * (sbyte)y) + ((sbyte)(x >> 8) * (sbyte)(y >> 8)) + ((sbyte)(x >> 16) * (sbyte)(y >> 16)) + ((sbyte)(x >> 24) * (sbyte)(y >> 24));
        }

        return sum;
    }

    /// <summary>Random codes in [−127, 127], k per row, packed four per word, padding codes zero.</summary>
    private static int[] Codes(int rows, int k, int words, int seed)
    {
        var packed = new int[(long)rows * words];
        Parallel.For(0, rows, r =>
        {
            var random = new Random((seed * 1_000_003) + r);
            for (int i = 0; i < k; i++)
            {
                packed[((long)r * words) + (i / 4)] |= (random.Next(-127, 128) & 0xFF) << (8 * (i % 4));
            }
        });
        return packed;
    }
}
