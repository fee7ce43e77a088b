using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// The SIMT (<c>dp4a</c>) int8 GEMM main loop as one library kernel, generic over its epilogue: a 64 × 64 output
/// tile per block of 256 threads, K staged <see cref="TileWords"/> words (32 codes) at a time through shared memory,
/// the eight K steps of a stage written out (ILGPU does not unroll). Operands as in <see cref="Int8SimtTile"/>:
/// A [rows × words] and B [cols × words] of packed codes, K padded to whole stages.
/// </summary>
public static class Int8SimtGemm
{
    /// <summary>K depth of one shared-memory stage, in words of four codes.</summary>
    public const int TileWords = 8;

    /// <summary>K multiple of the packed operands, in codes.</summary>
    public const int KMultiple = TileWords * 4;

    private const int Stride = TileWords + 1;

    /// <summary>One block per 64 × 64 output tile.</summary>
    public static KernelConfig Config(int rows, int cols) => new(
        new Index2D((cols + Int8SimtTile.TileCols - 1) / Int8SimtTile.TileCols, (rows + Int8SimtTile.TileRows - 1) / Int8SimtTile.TileRows),
        new Index2D(Int8SimtTile.Threads, 1));

    /// <summary><c>epilogue.Store(Σ_k a[r, k]·b[c, k], r, c)</c> for every r &lt; rows, c &lt; cols.</summary>
    public static void Kernel<TEpilogue>(ArrayView<int> a, ArrayView<int> b, TEpilogue epilogue, int rows, int cols, int words)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        var aTile = SharedMemory.Allocate<int>(Int8SimtTile.TileRows * Stride);
        var bTile = SharedMemory.Allocate<int>(Int8SimtTile.TileCols * Stride);
        int row0 = Grid.IdxY * Int8SimtTile.TileRows;
        int col0 = Grid.IdxX * Int8SimtTile.TileCols;
        var acc = default(Int32Tile4x4);
        for (int k0 = 0; k0 < words; k0 += TileWords)
        {
            Int8SimtTile.LoadStage(a, rows, words, row0, k0, aTile, TileWords);
            Int8SimtTile.LoadStage(b, cols, words, col0, k0, bTile, TileWords);
            Group.Barrier();
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

        Store(epilogue, acc.C00, row0, col0, 0, 0, rows, cols);
        Store(epilogue, acc.C01, row0, col0, 0, 1, rows, cols);
        Store(epilogue, acc.C02, row0, col0, 0, 2, rows, cols);
        Store(epilogue, acc.C03, row0, col0, 0, 3, rows, cols);
        Store(epilogue, acc.C10, row0, col0, 1, 0, rows, cols);
        Store(epilogue, acc.C11, row0, col0, 1, 1, rows, cols);
        Store(epilogue, acc.C12, row0, col0, 1, 2, rows, cols);
        Store(epilogue, acc.C13, row0, col0, 1, 3, rows, cols);
        Store(epilogue, acc.C20, row0, col0, 2, 0, rows, cols);
        Store(epilogue, acc.C21, row0, col0, 2, 1, rows, cols);
        Store(epilogue, acc.C22, row0, col0, 2, 2, rows, cols);
        Store(epilogue, acc.C23, row0, col0, 2, 3, rows, cols);
        Store(epilogue, acc.C30, row0, col0, 3, 0, rows, cols);
        Store(epilogue, acc.C31, row0, col0, 3, 1, rows, cols);
        Store(epilogue, acc.C32, row0, col0, 3, 2, rows, cols);
        Store(epilogue, acc.C33, row0, col0, 3, 3, rows, cols);
    }

    private static void Store<TEpilogue>(TEpilogue epilogue, int acc, int row0, int col0, int i, int j, int rows, int cols)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        int row = Int8SimtTile.RowOf(row0, i);
        int col = Int8SimtTile.ColOf(col0, j);
        if (row < rows && col < cols)
        {
            epilogue.Store(acc, row, col);
        }
    }
}
