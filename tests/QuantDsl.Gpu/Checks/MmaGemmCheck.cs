using System.Globalization;
using QuantDsl.Kernels.Gemm;
using QuantDsl.Kernels.Gemv;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using QuantDsl.Gpu.Bench;

namespace QuantDsl.Gpu.Checks;

/// <summary>
/// The tensor-core int8 main loop (<see cref="Int8MmaGemm"/>, every tile shape the device runs: the wgmma tiles on compute capability 9.0) through the exact
/// <see cref="Int32StoreEpilogue"/>: sampled rows and columns (every element of each, plus the first and last row and
/// column) equal the int32 oracle exactly for each tile and for the decode kernels the layers take at 1–16 rows (the
/// one-token <see cref="Int8DotGemv"/>, the skinny <see cref="Int8MmaSkinny"/>); then the median time of each and of the SIMT kernel on the
/// same operands (batched launches between syncs), as TOPS (2·M·N·K per second) and % of the device's INT8 limit.
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
        var operands = Int8MmaOperands.Create(aBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), rows, cols, words);
        // Hopper's wgmma tiles run where the device is compute capability 9.0 (and, as their managed twin, on ILGPU's CPU
        // accelerator); elsewhere only the mma.sync tiles.
        bool hopper = gpu.Accelerator is not CudaAccelerator cuda || cuda.Architecture == CudaArchitecture.SM_90;
        // Each tile unsplit, and with the K split ChooseKSplits gives it on this device where that is more than one.
        using var splitSums = gpu.Allocate<int>((long)rows * cols);
        using var tickets = gpu.Allocate<int>(BenchKernels.MaxTiles(rows, cols));
        splitSums.MemSetToZero();
        tickets.MemSetToZero();
        var tiles = Enum.GetValues<Int8MmaTile>()
            .Where(tile => hopper || !Int8MmaGemm.IsWarpgroupTile(tile))
            .SelectMany(tile => new[] { (Tile: tile, Splits: 1), (Tile: tile, Splits: Int8MmaGemm.ChooseKSplits(tile, rows, cols, words, gpu.Accelerator.NumMultiprocessors)) })
            .Distinct()
            .ToArray();
        Action LaunchOf((Int8MmaTile Tile, int Splits) variant)
        {
            var split = operands.WithKSplits(variant.Tile, variant.Splits, splitSums.View.AsContiguous(), tickets.View.AsContiguous());
            return () => gpu.Launch(Int8MmaGemm.KernelFor<Int32StoreEpilogue>(variant.Tile), Int8MmaGemm.Config(variant.Tile, split), split, epilogue);
        }

        static string NameOf((Int8MmaTile Tile, int Splits) variant) => variant.Splits == 1 ? variant.Tile.ToString() : $"{variant.Tile}/split{variant.Splits}";

        // Every tile, then the decode kernels the layers take at this size: the one-token GEMV and the 2–16-token skinny kernel.
        var variants = tiles.Select(tile => (Name: NameOf(tile), Launch: LaunchOf(tile))).ToList();
        if (rows == 1 && words % 4 == 0)
        {
            variants.Add(("gemv", () => gpu.Launch(Int8DotGemv.Kernel<Int32StoreEpilogue>, Int8DotGemv.Config(cols), operands, epilogue)));
        }

        using var skinnyTickets = gpu.Allocate<int>(Int8MmaSkinny.Blocks(cols));
        skinnyTickets.MemSetToZero();
        if (Int8MmaSkinny.Supports(rows, words))
        {
            variants.Add(("skinny", () => gpu.Launch(Int8MmaSkinny.Kernel<Int32StoreEpilogue>, Int8MmaSkinny.Config(cols), operands, epilogue)));

            // Its software-pipelined twin (two steps of weights in flight per lane): what the layers run.
            variants.Add(("skinny/pipelined", () => gpu.Launch(Int8MmaSkinny.PipelinedKernel<Int32StoreEpilogue>, Int8MmaSkinny.Config(cols), operands, epilogue)));

            // The skinny kernel with K split over the grid (slower on the H200 at every measured shape; the layers keep K whole).
            foreach (int splits in new[] { 2, 4 }.Select(requested => Int8MmaSkinny.NormalizeKSplits(words, requested)).Where(splits => splits > 1).Distinct())
            {
                var split = Int8MmaSkinny.WithKSplits(operands, splits, splitSums.View.AsContiguous(), skinnyTickets.View.AsContiguous());
                variants.Add(($"skinny/split{splits}", () => gpu.Launch(Int8MmaSkinny.Kernel<Int32StoreEpilogue>, Int8MmaSkinny.Config(cols, split.KSplits), split, epilogue)));
            }
        }

        void Simt() => gpu.Launch(Int8SimtGemm.Kernel, Int8SimtGemm.Config(rows, cols), aBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), epilogue, rows, cols, words);

        var random = new Random(3);
        var sampleRows = Enumerable.Range(0, SampledLines).Select(_ => random.Next(rows)).Append(rows - 1).Append(0).Distinct().ToArray();
        var sampleCols = Enumerable.Range(0, SampledLines).Select(_ => random.Next(cols)).Append(cols - 1).Append(0).Distinct().ToArray();
        long mismatches = 0, compared = 0;
        string? first = null;
        int[] result = [];
        foreach (var (name, launch) in variants)
        {
            output.MemSetToZero();
            launch();
            gpu.Synchronize();
            result = output.GetAsArray1D();
            Parallel.ForEach(sampleRows, r => Compare(r, null, name));
            Parallel.ForEach(sampleCols, c => Compare(null, c, name));
        }

        bool timed = gpu.Accelerator.AcceleratorType != AcceleratorType.CPU;
        var milliseconds = variants.ToDictionary(
            variant => variant.Name,
            variant => timed ? BenchTimer.MedianMilliseconds(variant.Launch, gpu.Synchronize, KernelTiming.Repetitions, batch: true) : double.NaN);
        double simtMs = timed ? BenchTimer.MedianMilliseconds(Simt, gpu.Synchronize, KernelTiming.Repetitions, batch: true) : double.NaN;
        var limits = DeviceLimits.For(context.Device.Name);
        double operations = 2.0 * rows * cols * k;
        string Figure(double ms) => double.IsNaN(ms)
            ? "not timed (CPU accelerator)"
            : string.Create(CultureInfo.InvariantCulture, $"{ms:F3} ms = {operations / (ms * 1e9):F1} TOPS = {100 * operations / (ms * 1e9) / limits.Int8Tops:F1}%");
        var chosenTile = Int8MmaGemm.ChooseTile(rows, cols, gpu.SupportsWarpgroupMma);
        string chosen = milliseconds.ContainsKey("gemv") ? "gemv"
            : milliseconds.ContainsKey("skinny/pipelined") ? "skinny/pipelined"
            : NameOf((chosenTile, Int8MmaGemm.ChooseKSplits(chosenTile, rows, cols, words, gpu.Accelerator.NumMultiprocessors)));
        string figures = string.Join("; ", variants.Select(variant => $"{variant.Name} {Figure(milliseconds[variant.Name])}"));
        string message = string.Create(
            CultureInfo.InvariantCulture,
            $"{compared} sampled outputs ({variants.Count} kernels x ({sampleRows.Length} rows + {sampleCols.Length} columns)) vs the exact int32 oracle: {mismatches} differ{(first is null ? string.Empty : $" (first {first})")}\n" +
            $"int8 GEMM {shape}, median of {KernelTiming.Repetitions} batched samples: {figures}; SIMT dp4a {Figure(simtMs)} (% of {limits.Int8Label}); the layers pick {chosen}");
        context.Log.Line(message);
        return new CheckOutcome(mismatches == 0, mismatches == 0 ? 0 : double.PositiveInfinity, milliseconds[chosen] / 1e3, message);

        void Compare(int? row, int? col, string tile)
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
                    first = $"{tile} [{r}, {c}] = {actual}, oracle {expected}";
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
