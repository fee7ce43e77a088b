using ILGPU;
using QuantDsl.Kernels.Epilogues;
using QuantDsl.Kernels.Gemm;

namespace QuantDsl.Gpu.Bench;

/// <summary>
/// Kernels only the bench mode launches: the raw int8 GEMM on pre-quantized operands, built from the same
/// QuantDsl.Kernels pieces and tile depth as the generated layer kernel (Int8SimtTile, 8 words per stage,
/// vector-wise epilogue without outlier term), and a copy kernel for the bandwidth reference.
/// </summary>
internal static class BenchKernels
{
    /// <summary>K depth of one stage in words, as GemmPlan.Default gives the generated layers.</summary>
    public const int TileWords = 8;

    /// <summary>Codes are padded to whole stages.</summary>
    public const int KMultiple = TileWords * 4;

    private const int Stride = TileWords + 1;

    /// <summary>One 256-thread block per 64 × 64 output tile.</summary>
    public static KernelConfig GemmConfig(int rows, int cols) => new(
        new Index2D((cols + Int8SimtTile.TileCols - 1) / Int8SimtTile.TileCols, (rows + Int8SimtTile.TileRows - 1) / Int8SimtTile.TileRows),
        new Index2D(Int8SimtTile.Threads, 1));

    /// <summary>y = rowAbsMax·colAbsMax/127²·Σ Xq·Wq + bias: the layer's GEMM with threshold 0.</summary>
    public static void Int8Gemm(ArrayView<int> xCodes, ArrayView<int> weightCodes, Int8OutlierOperands operands, int rows, int cols, int words)
    {
        var aTile = SharedMemory.Allocate<int>(Int8SimtTile.TileRows * Stride);
        var bTile = SharedMemory.Allocate<int>(Int8SimtTile.TileCols * Stride);
        int row0 = Grid.IdxY * Int8SimtTile.TileRows;
        int col0 = Grid.IdxX * Int8SimtTile.TileCols;
        var acc = default(Int32Tile4x4);
        for (int k0 = 0; k0 < words; k0 += TileWords)
        {
            Int8SimtTile.LoadStage(xCodes, rows, words, row0, k0, aTile, TileWords);
            Int8SimtTile.LoadStage(weightCodes, cols, words, col0, k0, bTile, TileWords);
            Group.Barrier();

            // ILGPU does not unroll loops: the eight K steps of a stage are written out, as in the generated kernel.
            acc = Int8SimtTile.Step(acc, aTile, bTile, Stride, 0);
            acc = Int8SimtTile.Step(acc, aTile, bTile, Stride, 1);
            acc = Int8SimtTile.Step(acc, aTile, bTile, Stride, 2);
            acc = Int8SimtTile.Step(acc, aTile, bTile, Stride, 3);
            acc = Int8SimtTile.Step(acc, aTile, bTile, Stride, 4);
            acc = Int8SimtTile.Step(acc, aTile, bTile, Stride, 5);
            acc = Int8SimtTile.Step(acc, aTile, bTile, Stride, 6);
            acc = Int8SimtTile.Step(acc, aTile, bTile, Stride, 7);
            Group.Barrier();
        }

        Store(acc.C00, row0, col0, 0, 0, rows, cols, operands);
        Store(acc.C01, row0, col0, 0, 1, rows, cols, operands);
        Store(acc.C02, row0, col0, 0, 2, rows, cols, operands);
        Store(acc.C03, row0, col0, 0, 3, rows, cols, operands);
        Store(acc.C10, row0, col0, 1, 0, rows, cols, operands);
        Store(acc.C11, row0, col0, 1, 1, rows, cols, operands);
        Store(acc.C12, row0, col0, 1, 2, rows, cols, operands);
        Store(acc.C13, row0, col0, 1, 3, rows, cols, operands);
        Store(acc.C20, row0, col0, 2, 0, rows, cols, operands);
        Store(acc.C21, row0, col0, 2, 1, rows, cols, operands);
        Store(acc.C22, row0, col0, 2, 2, rows, cols, operands);
        Store(acc.C23, row0, col0, 2, 3, rows, cols, operands);
        Store(acc.C30, row0, col0, 3, 0, rows, cols, operands);
        Store(acc.C31, row0, col0, 3, 1, rows, cols, operands);
        Store(acc.C32, row0, col0, 3, 2, rows, cols, operands);
        Store(acc.C33, row0, col0, 3, 3, rows, cols, operands);
    }

    /// <summary>Grid-stride element copy, the bandwidth reference a kernel can reach.</summary>
    public static void Copy(ArrayView<float> source, ArrayView<float> destination)
    {
        long stride = (long)Grid.DimX * Group.DimX;
        for (long i = Grid.GlobalIndex.X; i < source.Length; i += stride)
        {
            destination[i] = source[i];
        }
    }

    private static void Store(int acc, int row0, int col0, int i, int j, int rows, int cols, Int8OutlierOperands operands) =>
        Int8OutlierEpilogue.Store(acc, Int8SimtTile.RowOf(row0, i), Int8SimtTile.ColOf(col0, j), rows, cols, operands, decompose: false, outlierWeightsFromInt8: false);
}
