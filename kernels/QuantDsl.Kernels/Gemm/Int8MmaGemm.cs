using ILGPU;

namespace QuantDsl.Kernels.Gemm;

// Written out by a hand-run script (ILGPU does not unroll loops): 64 accumulators per lane, 16 mma per K step.

/// <summary>
/// The tensor-core (<c>mma.sync</c> m16n8k32 s8) int8 GEMM main loop as one library kernel, generic over its epilogue.
/// A block of <see cref="Threads"/> threads (8 warps as 2 × 4) computes a <see cref="BlockRows"/> × <see cref="BlockCols"/>
/// output tile; each warp a 64 × 32 warp tile (4 × 4 fragments). K is staged <see cref="StageWords"/> words (64 codes) at
/// a time through double-buffered shared memory: the next stage is loaded into registers while the current one is
/// multiplied, then stored to the other buffer, so one barrier per stage suffices. Shared rows are padded to
/// <see cref="SharedStride"/> words, which makes the fragment loads conflict-free (row·20 mod 32 differs for 8 rows).
/// Operands exactly as the SIMT loop: A [rows × words] and B [cols × words] of packed int8 codes, K-contiguous,
/// K padded to <see cref="KMultiple"/> codes; rows/cols need not be tile multiples (they read as zero).
/// </summary>
public static class Int8MmaGemm
{
    /// <summary>Output rows per block.</summary>
    public const int BlockRows = 128;

    /// <summary>Output columns per block.</summary>
    public const int BlockCols = 128;

    /// <summary>Threads per block (8 warps).</summary>
    public const int Threads = 256;

    /// <summary>K depth of one shared-memory stage, in words of four codes.</summary>
    public const int StageWords = 16;

    /// <summary>K multiple of the packed operands, in codes (same as the SIMT loop: one mma K step).</summary>
    public const int KMultiple = 32;

    /// <summary>Shared-memory row stride in words (16 data + 4 padding).</summary>
    public const int SharedStride = 20;

    private const int BufferWords = BlockRows * SharedStride;

    /// <summary>One block per 128 × 128 output tile.</summary>
    public static KernelConfig Config(int rows, int cols) => new(
        new Index2D((cols + BlockCols - 1) / BlockCols, (rows + BlockRows - 1) / BlockRows),
        new Index2D(Threads, 1));

    /// <summary><c>epilogue.Store(Σ_k a[r, k]·b[c, k], r, c)</c> for every r &lt; rows, c &lt; cols.</summary>
    /// <param name="a">Activations, [rows × words] packed codes.</param>
    /// <param name="b">Weights, [cols × words] packed codes.</param>
    /// <param name="epilogue">Turns each int32 sum into the stored output.</param>
    /// <param name="rows">Output rows (tokens).</param>
    /// <param name="cols">Output columns (channels).</param>
    /// <param name="words">Words per operand row (a multiple of 8).</param>
    public static void Kernel<TEpilogue>(ArrayView<int> a, ArrayView<int> b, TEpilogue epilogue, int rows, int cols, int words)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        var aTile = SharedMemory.Allocate<int>(2 * BufferWords);
        var bTile = SharedMemory.Allocate<int>(2 * BufferWords);
        int tid = Group.IdxX;
        int warp = tid >> 5;
        int lane = tid & 31;
        int g = lane >> 2;
        int t = lane & 3;
        int row0 = Grid.IdxY * BlockRows;
        int col0 = Grid.IdxX * BlockCols;
        int warpRow = (warp >> 2) * 64;
        int warpCol = (warp & 3) * 32;
        int stages = (words + StageWords - 1) / StageWords;

        // Stage loading: thread tid copies 8 words (half a 16-word row) of row tid / 2 of A and of B.
        int loadRow = tid >> 1;
        int loadWord = (tid & 1) * 8;
        int loadShared = (loadRow * SharedStride) + loadWord;
        bool aRowIn = row0 + loadRow < rows;
        bool bRowIn = col0 + loadRow < cols;
        long aBase = ((long)(row0 + loadRow) * words) + loadWord;
        long bBase = ((long)(col0 + loadRow) * words) + loadWord;

        int pa0 = 0, pb0 = 0;
        int pa1 = 0, pb1 = 0;
        int pa2 = 0, pb2 = 0;
        int pa3 = 0, pb3 = 0;
        int pa4 = 0, pb4 = 0;
        int pa5 = 0, pb5 = 0;
        int pa6 = 0, pb6 = 0;
        int pa7 = 0, pb7 = 0;
        {
            bool aIn = aRowIn && loadWord < words;
            bool bIn = bRowIn && loadWord < words;
            pa0 = aIn ? a[aBase] : 0;
            pa1 = aIn ? a[aBase + 1] : 0;
            pa2 = aIn ? a[aBase + 2] : 0;
            pa3 = aIn ? a[aBase + 3] : 0;
            pa4 = aIn ? a[aBase + 4] : 0;
            pa5 = aIn ? a[aBase + 5] : 0;
            pa6 = aIn ? a[aBase + 6] : 0;
            pa7 = aIn ? a[aBase + 7] : 0;
            pb0 = bIn ? b[bBase] : 0;
            pb1 = bIn ? b[bBase + 1] : 0;
            pb2 = bIn ? b[bBase + 2] : 0;
            pb3 = bIn ? b[bBase + 3] : 0;
            pb4 = bIn ? b[bBase + 4] : 0;
            pb5 = bIn ? b[bBase + 5] : 0;
            pb6 = bIn ? b[bBase + 6] : 0;
            pb7 = bIn ? b[bBase + 7] : 0;
            int at = loadShared;
            aTile[at] = pa0;
            aTile[at + 1] = pa1;
            aTile[at + 2] = pa2;
            aTile[at + 3] = pa3;
            aTile[at + 4] = pa4;
            aTile[at + 5] = pa5;
            aTile[at + 6] = pa6;
            aTile[at + 7] = pa7;
            bTile[at] = pb0;
            bTile[at + 1] = pb1;
            bTile[at + 2] = pb2;
            bTile[at + 3] = pb3;
            bTile[at + 4] = pb4;
            bTile[at + 5] = pb5;
            bTile[at + 6] = pb6;
            bTile[at + 7] = pb7;
        }

        int c000 = 0, c001 = 0, c002 = 0, c003 = 0;
        int c010 = 0, c011 = 0, c012 = 0, c013 = 0;
        int c020 = 0, c021 = 0, c022 = 0, c023 = 0;
        int c030 = 0, c031 = 0, c032 = 0, c033 = 0;
        int c100 = 0, c101 = 0, c102 = 0, c103 = 0;
        int c110 = 0, c111 = 0, c112 = 0, c113 = 0;
        int c120 = 0, c121 = 0, c122 = 0, c123 = 0;
        int c130 = 0, c131 = 0, c132 = 0, c133 = 0;
        int c200 = 0, c201 = 0, c202 = 0, c203 = 0;
        int c210 = 0, c211 = 0, c212 = 0, c213 = 0;
        int c220 = 0, c221 = 0, c222 = 0, c223 = 0;
        int c230 = 0, c231 = 0, c232 = 0, c233 = 0;
        int c300 = 0, c301 = 0, c302 = 0, c303 = 0;
        int c310 = 0, c311 = 0, c312 = 0, c313 = 0;
        int c320 = 0, c321 = 0, c322 = 0, c323 = 0;
        int c330 = 0, c331 = 0, c332 = 0, c333 = 0;
        Group.Barrier();
        for (int s = 0; s < stages; s++)
        {
            bool more = s + 1 < stages;
            int nextK = (s + 1) * StageWords;
            if (more)
            {
                bool aIn = aRowIn && nextK + loadWord < words;
                bool bIn = bRowIn && nextK + loadWord < words;
                pa0 = aIn ? a[aBase + nextK] : 0;
                pa1 = aIn ? a[aBase + nextK + 1] : 0;
                pa2 = aIn ? a[aBase + nextK + 2] : 0;
                pa3 = aIn ? a[aBase + nextK + 3] : 0;
                pa4 = aIn ? a[aBase + nextK + 4] : 0;
                pa5 = aIn ? a[aBase + nextK + 5] : 0;
                pa6 = aIn ? a[aBase + nextK + 6] : 0;
                pa7 = aIn ? a[aBase + nextK + 7] : 0;
                pb0 = bIn ? b[bBase + nextK] : 0;
                pb1 = bIn ? b[bBase + nextK + 1] : 0;
                pb2 = bIn ? b[bBase + nextK + 2] : 0;
                pb3 = bIn ? b[bBase + nextK + 3] : 0;
                pb4 = bIn ? b[bBase + nextK + 4] : 0;
                pb5 = bIn ? b[bBase + nextK + 5] : 0;
                pb6 = bIn ? b[bBase + nextK + 6] : 0;
                pb7 = bIn ? b[bBase + nextK + 7] : 0;
            }

            int buffer = (s & 1) * BufferWords;
            // K step 0: codes 0..31 of the stage.
            int ar00 = buffer + ((warpRow + g) * SharedStride) + t;
            int fa00 = aTile[ar00];
            int fa01 = aTile[ar00 + (8 * SharedStride)];
            int fa02 = aTile[ar00 + 4];
            int fa03 = aTile[ar00 + (8 * SharedStride) + 4];
            int ar01 = buffer + ((warpRow + 16 + g) * SharedStride) + t;
            int fa10 = aTile[ar01];
            int fa11 = aTile[ar01 + (8 * SharedStride)];
            int fa12 = aTile[ar01 + 4];
            int fa13 = aTile[ar01 + (8 * SharedStride) + 4];
            int ar02 = buffer + ((warpRow + 32 + g) * SharedStride) + t;
            int fa20 = aTile[ar02];
            int fa21 = aTile[ar02 + (8 * SharedStride)];
            int fa22 = aTile[ar02 + 4];
            int fa23 = aTile[ar02 + (8 * SharedStride) + 4];
            int ar03 = buffer + ((warpRow + 48 + g) * SharedStride) + t;
            int fa30 = aTile[ar03];
            int fa31 = aTile[ar03 + (8 * SharedStride)];
            int fa32 = aTile[ar03 + 4];
            int fa33 = aTile[ar03 + (8 * SharedStride) + 4];
            int br00 = buffer + ((warpCol + g) * SharedStride) + t;
            int fb00 = bTile[br00];
            int fb01 = bTile[br00 + 4];
            int br01 = buffer + ((warpCol + 8 + g) * SharedStride) + t;
            int fb10 = bTile[br01];
            int fb11 = bTile[br01 + 4];
            int br02 = buffer + ((warpCol + 16 + g) * SharedStride) + t;
            int fb20 = bTile[br02];
            int fb21 = bTile[br02 + 4];
            int br03 = buffer + ((warpCol + 24 + g) * SharedStride) + t;
            int fb30 = bTile[br03];
            int fb31 = bTile[br03 + 4];
            Int8MmaFragment.MultiplyAccumulate(ref c000, ref c001, ref c002, ref c003, fa00, fa01, fa02, fa03, fb00, fb01);
            Int8MmaFragment.MultiplyAccumulate(ref c010, ref c011, ref c012, ref c013, fa00, fa01, fa02, fa03, fb10, fb11);
            Int8MmaFragment.MultiplyAccumulate(ref c020, ref c021, ref c022, ref c023, fa00, fa01, fa02, fa03, fb20, fb21);
            Int8MmaFragment.MultiplyAccumulate(ref c030, ref c031, ref c032, ref c033, fa00, fa01, fa02, fa03, fb30, fb31);
            Int8MmaFragment.MultiplyAccumulate(ref c100, ref c101, ref c102, ref c103, fa10, fa11, fa12, fa13, fb00, fb01);
            Int8MmaFragment.MultiplyAccumulate(ref c110, ref c111, ref c112, ref c113, fa10, fa11, fa12, fa13, fb10, fb11);
            Int8MmaFragment.MultiplyAccumulate(ref c120, ref c121, ref c122, ref c123, fa10, fa11, fa12, fa13, fb20, fb21);
            Int8MmaFragment.MultiplyAccumulate(ref c130, ref c131, ref c132, ref c133, fa10, fa11, fa12, fa13, fb30, fb31);
            Int8MmaFragment.MultiplyAccumulate(ref c200, ref c201, ref c202, ref c203, fa20, fa21, fa22, fa23, fb00, fb01);
            Int8MmaFragment.MultiplyAccumulate(ref c210, ref c211, ref c212, ref c213, fa20, fa21, fa22, fa23, fb10, fb11);
            Int8MmaFragment.MultiplyAccumulate(ref c220, ref c221, ref c222, ref c223, fa20, fa21, fa22, fa23, fb20, fb21);
            Int8MmaFragment.MultiplyAccumulate(ref c230, ref c231, ref c232, ref c233, fa20, fa21, fa22, fa23, fb30, fb31);
            Int8MmaFragment.MultiplyAccumulate(ref c300, ref c301, ref c302, ref c303, fa30, fa31, fa32, fa33, fb00, fb01);
            Int8MmaFragment.MultiplyAccumulate(ref c310, ref c311, ref c312, ref c313, fa30, fa31, fa32, fa33, fb10, fb11);
            Int8MmaFragment.MultiplyAccumulate(ref c320, ref c321, ref c322, ref c323, fa30, fa31, fa32, fa33, fb20, fb21);
            Int8MmaFragment.MultiplyAccumulate(ref c330, ref c331, ref c332, ref c333, fa30, fa31, fa32, fa33, fb30, fb31);

            // K step 1: codes 32..63 of the stage.
            int ar10 = buffer + ((warpRow + g) * SharedStride) + 8 + t;
            fa00 = aTile[ar10];
            fa01 = aTile[ar10 + (8 * SharedStride)];
            fa02 = aTile[ar10 + 4];
            fa03 = aTile[ar10 + (8 * SharedStride) + 4];
            int ar11 = buffer + ((warpRow + 16 + g) * SharedStride) + 8 + t;
            fa10 = aTile[ar11];
            fa11 = aTile[ar11 + (8 * SharedStride)];
            fa12 = aTile[ar11 + 4];
            fa13 = aTile[ar11 + (8 * SharedStride) + 4];
            int ar12 = buffer + ((warpRow + 32 + g) * SharedStride) + 8 + t;
            fa20 = aTile[ar12];
            fa21 = aTile[ar12 + (8 * SharedStride)];
            fa22 = aTile[ar12 + 4];
            fa23 = aTile[ar12 + (8 * SharedStride) + 4];
            int ar13 = buffer + ((warpRow + 48 + g) * SharedStride) + 8 + t;
            fa30 = aTile[ar13];
            fa31 = aTile[ar13 + (8 * SharedStride)];
            fa32 = aTile[ar13 + 4];
            fa33 = aTile[ar13 + (8 * SharedStride) + 4];
            int br10 = buffer + ((warpCol + g) * SharedStride) + 8 + t;
            fb00 = bTile[br10];
            fb01 = bTile[br10 + 4];
            int br11 = buffer + ((warpCol + 8 + g) * SharedStride) + 8 + t;
            fb10 = bTile[br11];
            fb11 = bTile[br11 + 4];
            int br12 = buffer + ((warpCol + 16 + g) * SharedStride) + 8 + t;
            fb20 = bTile[br12];
            fb21 = bTile[br12 + 4];
            int br13 = buffer + ((warpCol + 24 + g) * SharedStride) + 8 + t;
            fb30 = bTile[br13];
            fb31 = bTile[br13 + 4];
            Int8MmaFragment.MultiplyAccumulate(ref c000, ref c001, ref c002, ref c003, fa00, fa01, fa02, fa03, fb00, fb01);
            Int8MmaFragment.MultiplyAccumulate(ref c010, ref c011, ref c012, ref c013, fa00, fa01, fa02, fa03, fb10, fb11);
            Int8MmaFragment.MultiplyAccumulate(ref c020, ref c021, ref c022, ref c023, fa00, fa01, fa02, fa03, fb20, fb21);
            Int8MmaFragment.MultiplyAccumulate(ref c030, ref c031, ref c032, ref c033, fa00, fa01, fa02, fa03, fb30, fb31);
            Int8MmaFragment.MultiplyAccumulate(ref c100, ref c101, ref c102, ref c103, fa10, fa11, fa12, fa13, fb00, fb01);
            Int8MmaFragment.MultiplyAccumulate(ref c110, ref c111, ref c112, ref c113, fa10, fa11, fa12, fa13, fb10, fb11);
            Int8MmaFragment.MultiplyAccumulate(ref c120, ref c121, ref c122, ref c123, fa10, fa11, fa12, fa13, fb20, fb21);
            Int8MmaFragment.MultiplyAccumulate(ref c130, ref c131, ref c132, ref c133, fa10, fa11, fa12, fa13, fb30, fb31);
            Int8MmaFragment.MultiplyAccumulate(ref c200, ref c201, ref c202, ref c203, fa20, fa21, fa22, fa23, fb00, fb01);
            Int8MmaFragment.MultiplyAccumulate(ref c210, ref c211, ref c212, ref c213, fa20, fa21, fa22, fa23, fb10, fb11);
            Int8MmaFragment.MultiplyAccumulate(ref c220, ref c221, ref c222, ref c223, fa20, fa21, fa22, fa23, fb20, fb21);
            Int8MmaFragment.MultiplyAccumulate(ref c230, ref c231, ref c232, ref c233, fa20, fa21, fa22, fa23, fb30, fb31);
            Int8MmaFragment.MultiplyAccumulate(ref c300, ref c301, ref c302, ref c303, fa30, fa31, fa32, fa33, fb00, fb01);
            Int8MmaFragment.MultiplyAccumulate(ref c310, ref c311, ref c312, ref c313, fa30, fa31, fa32, fa33, fb10, fb11);
            Int8MmaFragment.MultiplyAccumulate(ref c320, ref c321, ref c322, ref c323, fa30, fa31, fa32, fa33, fb20, fb21);
            Int8MmaFragment.MultiplyAccumulate(ref c330, ref c331, ref c332, ref c333, fa30, fa31, fa32, fa33, fb30, fb31);

            if (more)
            {
                int at = (((s + 1) & 1) * BufferWords) + loadShared;
                aTile[at] = pa0;
                aTile[at + 1] = pa1;
                aTile[at + 2] = pa2;
                aTile[at + 3] = pa3;
                aTile[at + 4] = pa4;
                aTile[at + 5] = pa5;
                aTile[at + 6] = pa6;
                aTile[at + 7] = pa7;
                bTile[at] = pb0;
                bTile[at + 1] = pb1;
                bTile[at + 2] = pb2;
                bTile[at + 3] = pb3;
                bTile[at + 4] = pb4;
                bTile[at + 5] = pb5;
                bTile[at + 6] = pb6;
                bTile[at + 7] = pb7;
            }

            Group.Barrier();
        }

        int rowBase = row0 + warpRow + g;
        int colBase = col0 + warpCol + (2 * t);
        Store(epilogue, c000, rowBase, colBase, rows, cols);
        Store(epilogue, c001, rowBase, colBase + 1, rows, cols);
        Store(epilogue, c002, rowBase + 8, colBase, rows, cols);
        Store(epilogue, c003, rowBase + 8, colBase + 1, rows, cols);
        Store(epilogue, c010, rowBase, colBase + 8, rows, cols);
        Store(epilogue, c011, rowBase, colBase + 9, rows, cols);
        Store(epilogue, c012, rowBase + 8, colBase + 8, rows, cols);
        Store(epilogue, c013, rowBase + 8, colBase + 9, rows, cols);
        Store(epilogue, c020, rowBase, colBase + 16, rows, cols);
        Store(epilogue, c021, rowBase, colBase + 17, rows, cols);
        Store(epilogue, c022, rowBase + 8, colBase + 16, rows, cols);
        Store(epilogue, c023, rowBase + 8, colBase + 17, rows, cols);
        Store(epilogue, c030, rowBase, colBase + 24, rows, cols);
        Store(epilogue, c031, rowBase, colBase + 25, rows, cols);
        Store(epilogue, c032, rowBase + 8, colBase + 24, rows, cols);
        Store(epilogue, c033, rowBase + 8, colBase + 25, rows, cols);
        Store(epilogue, c100, rowBase + 16, colBase, rows, cols);
        Store(epilogue, c101, rowBase + 16, colBase + 1, rows, cols);
        Store(epilogue, c102, rowBase + 24, colBase, rows, cols);
        Store(epilogue, c103, rowBase + 24, colBase + 1, rows, cols);
        Store(epilogue, c110, rowBase + 16, colBase + 8, rows, cols);
        Store(epilogue, c111, rowBase + 16, colBase + 9, rows, cols);
        Store(epilogue, c112, rowBase + 24, colBase + 8, rows, cols);
        Store(epilogue, c113, rowBase + 24, colBase + 9, rows, cols);
        Store(epilogue, c120, rowBase + 16, colBase + 16, rows, cols);
        Store(epilogue, c121, rowBase + 16, colBase + 17, rows, cols);
        Store(epilogue, c122, rowBase + 24, colBase + 16, rows, cols);
        Store(epilogue, c123, rowBase + 24, colBase + 17, rows, cols);
        Store(epilogue, c130, rowBase + 16, colBase + 24, rows, cols);
        Store(epilogue, c131, rowBase + 16, colBase + 25, rows, cols);
        Store(epilogue, c132, rowBase + 24, colBase + 24, rows, cols);
        Store(epilogue, c133, rowBase + 24, colBase + 25, rows, cols);
        Store(epilogue, c200, rowBase + 32, colBase, rows, cols);
        Store(epilogue, c201, rowBase + 32, colBase + 1, rows, cols);
        Store(epilogue, c202, rowBase + 40, colBase, rows, cols);
        Store(epilogue, c203, rowBase + 40, colBase + 1, rows, cols);
        Store(epilogue, c210, rowBase + 32, colBase + 8, rows, cols);
        Store(epilogue, c211, rowBase + 32, colBase + 9, rows, cols);
        Store(epilogue, c212, rowBase + 40, colBase + 8, rows, cols);
        Store(epilogue, c213, rowBase + 40, colBase + 9, rows, cols);
        Store(epilogue, c220, rowBase + 32, colBase + 16, rows, cols);
        Store(epilogue, c221, rowBase + 32, colBase + 17, rows, cols);
        Store(epilogue, c222, rowBase + 40, colBase + 16, rows, cols);
        Store(epilogue, c223, rowBase + 40, colBase + 17, rows, cols);
        Store(epilogue, c230, rowBase + 32, colBase + 24, rows, cols);
        Store(epilogue, c231, rowBase + 32, colBase + 25, rows, cols);
        Store(epilogue, c232, rowBase + 40, colBase + 24, rows, cols);
        Store(epilogue, c233, rowBase + 40, colBase + 25, rows, cols);
        Store(epilogue, c300, rowBase + 48, colBase, rows, cols);
        Store(epilogue, c301, rowBase + 48, colBase + 1, rows, cols);
        Store(epilogue, c302, rowBase + 56, colBase, rows, cols);
        Store(epilogue, c303, rowBase + 56, colBase + 1, rows, cols);
        Store(epilogue, c310, rowBase + 48, colBase + 8, rows, cols);
        Store(epilogue, c311, rowBase + 48, colBase + 9, rows, cols);
        Store(epilogue, c312, rowBase + 56, colBase + 8, rows, cols);
        Store(epilogue, c313, rowBase + 56, colBase + 9, rows, cols);
        Store(epilogue, c320, rowBase + 48, colBase + 16, rows, cols);
        Store(epilogue, c321, rowBase + 48, colBase + 17, rows, cols);
        Store(epilogue, c322, rowBase + 56, colBase + 16, rows, cols);
        Store(epilogue, c323, rowBase + 56, colBase + 17, rows, cols);
        Store(epilogue, c330, rowBase + 48, colBase + 24, rows, cols);
        Store(epilogue, c331, rowBase + 48, colBase + 25, rows, cols);
        Store(epilogue, c332, rowBase + 56, colBase + 24, rows, cols);
        Store(epilogue, c333, rowBase + 56, colBase + 25, rows, cols);
    }

    private static void Store<TEpilogue>(TEpilogue epilogue, int acc, int row, int col, int rows, int cols)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        if (row < rows && col < cols)
        {
            epilogue.Store(acc, row, col);
        }
    }
}
