using System.Runtime.CompilerServices;
using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// Pieces of the SIMT (CUDA-core, <c>dp4a</c>) main loop of the int8 GEMM core. A block of
/// <see cref="Threads"/> threads computes a <see cref="TileRows"/> × <see cref="TileCols"/> output tile;
/// thread (ty, tx) = (tid / 16, tid % 16) owns rows <c>ty + 16·i</c> and columns <c>tx + 16·j</c>,
/// i, j in 0..3 (strided, so shared-memory reads are conflict-free). Operands are packed int8 words,
/// both K-contiguous: A is [rows × kWords] (activations), B is [cols × kWords] (weights, one row per
/// output channel). Shared tiles keep one padding word per row against bank conflicts.
/// The tensor-core main loop (<c>mma.sync</c>) is a second implementation of the same three steps
/// (load stage, multiply-accumulate step, accumulator-to-(row, col) mapping) feeding the same epilogues.
/// </summary>
public static class Int8SimtTile
{
    /// <summary>Output rows per block.</summary>
    public const int TileRows = 64;

    /// <summary>Output columns per block.</summary>
    public const int TileCols = 64;

    /// <summary>Threads per block (16 × 16).</summary>
    public const int Threads = 256;

    /// <summary>Rows or columns between the elements one thread owns.</summary>
    public const int ThreadStride = 16;

    /// <summary>Shared-memory row stride, in words, of a tile <paramref name="tileWords"/> words deep.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SharedStride(int tileWords) => tileWords + 1;

    /// <summary>
    /// Cooperatively copies rows <c>[row0, row0 + 64)</c>, words <c>[k0, k0 + tileWords)</c> of a packed
    /// row-major matrix into shared memory. Rows at or past <paramref name="rows"/> read as zero.
    /// </summary>
    public static void LoadStage(
        ArrayView<int> source, int rows, int rowWords, int row0, int k0, ArrayView<int> tile, int tileWords)
    {
        int stride = SharedStride(tileWords);
        int count = TileRows * tileWords;
        for (int i = Group.IdxX; i < count; i += Threads)
        {
            int r = i / tileWords;
            int w = i - (r * tileWords);
            int row = row0 + r;
            tile[(r * stride) + w] = row < rows ? source[(row * rowWords) + k0 + w] : 0;
        }
    }

    /// <summary>One K step (one word, four int8 products) of this thread's 4×4 accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int32Tile4x4 Step(Int32Tile4x4 acc, ArrayView<int> aTile, ArrayView<int> bTile, int stride, int kw)
    {
        int ty = Group.IdxX / ThreadStride;
        int tx = Group.IdxX - (ty * ThreadStride);
        int a0 = aTile[(ty * stride) + kw];
        int a1 = aTile[((ty + 16) * stride) + kw];
        int a2 = aTile[((ty + 32) * stride) + kw];
        int a3 = aTile[((ty + 48) * stride) + kw];
        int b0 = bTile[(tx * stride) + kw];
        int b1 = bTile[((tx + 16) * stride) + kw];
        int b2 = bTile[((tx + 32) * stride) + kw];
        int b3 = bTile[((tx + 48) * stride) + kw];

        acc.C00 = Dp4a.Accumulate(a0, b0, acc.C00);
        acc.C01 = Dp4a.Accumulate(a0, b1, acc.C01);
        acc.C02 = Dp4a.Accumulate(a0, b2, acc.C02);
        acc.C03 = Dp4a.Accumulate(a0, b3, acc.C03);
        acc.C10 = Dp4a.Accumulate(a1, b0, acc.C10);
        acc.C11 = Dp4a.Accumulate(a1, b1, acc.C11);
        acc.C12 = Dp4a.Accumulate(a1, b2, acc.C12);
        acc.C13 = Dp4a.Accumulate(a1, b3, acc.C13);
        acc.C20 = Dp4a.Accumulate(a2, b0, acc.C20);
        acc.C21 = Dp4a.Accumulate(a2, b1, acc.C21);
        acc.C22 = Dp4a.Accumulate(a2, b2, acc.C22);
        acc.C23 = Dp4a.Accumulate(a2, b3, acc.C23);
        acc.C30 = Dp4a.Accumulate(a3, b0, acc.C30);
        acc.C31 = Dp4a.Accumulate(a3, b1, acc.C31);
        acc.C32 = Dp4a.Accumulate(a3, b2, acc.C32);
        acc.C33 = Dp4a.Accumulate(a3, b3, acc.C33);
        return acc;
    }

    /// <summary>Global row of this thread's accumulator row <paramref name="i"/> in the block at <paramref name="row0"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RowOf(int row0, int i) => row0 + (Group.IdxX / ThreadStride) + (i * ThreadStride);

    /// <summary>Global column of this thread's accumulator column <paramref name="j"/> in the block at <paramref name="col0"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ColOf(int col0, int j) => col0 + (Group.IdxX % ThreadStride) + (j * ThreadStride);
}
