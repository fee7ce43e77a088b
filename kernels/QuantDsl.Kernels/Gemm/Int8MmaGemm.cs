using ILGPU;

namespace QuantDsl.Kernels.Gemm;

// Written out by tools/generate_int8_mma_gemm.py (ILGPU does not unroll loops): edit the script, not this file.

/// <summary>
/// The tensor-core (<c>mma.sync</c> m16n8k32 s8) int8 GEMM main loop, generic over its epilogue, one kernel per block
/// tile shape (<see cref="Int8MmaTile"/>). K streams through a ring of shared-memory stages filled by 16-byte
/// <c>cp.async</c> copies (zero-filled outside the operands), so the next stages load while the current one is
/// multiplied: one barrier per stage. Fragments come from shared memory by <c>ldmatrix.x4</c>; stage rows are stored
/// with their 16-byte chunks XOR-swizzled by row, which makes both the copies and the ldmatrix phases conflict-free.
/// Operands: A [rows × words] and B [cols × words] of packed int8 codes, K-contiguous, K padded to
/// <see cref="KMultiple"/> codes; rows and cols need not be tile multiples (they read as zero). Every PTX piece has a
/// managed twin, so the same kernels run on ILGPU's CPU accelerator.
/// </summary>
public static class Int8MmaGemm
{
    /// <summary>Threads per block (8 warps), every tile shape.</summary>
    public const int Threads = 256;

    /// <summary>K multiple of the packed operands, in codes (one mma K step; the last stage may be partly zero).</summary>
    public const int KMultiple = 32;

    /// <summary>Output rows per block of <paramref name="tile"/>.</summary>
    /// <param name="tile">The tile shape.</param>
    public static int BlockRows(Int8MmaTile tile) => 128;

    /// <summary>Output columns per block of <paramref name="tile"/>.</summary>
    /// <param name="tile">The tile shape.</param>
    public static int BlockCols(Int8MmaTile tile) => tile == Int8MmaTile.Rows128Cols256 ? 256 : 128;

    /// <summary>
    /// The shape for an M × N output: 128 × 256 once it still gives every multiprocessor of a large GPU two blocks,
    /// 128 × 128 otherwise (small M or N would leave most of the wide tile idle).
    /// </summary>
    /// <param name="rows">Output rows (M).</param>
    /// <param name="cols">Output columns (N).</param>
    public static Int8MmaTile ChooseTile(int rows, int cols) =>
        (long)((rows + 127) / 128) * ((cols + 255) / 256) >= 264 ? Int8MmaTile.Rows128Cols256 : Int8MmaTile.Rows128Cols128;

    /// <summary>One block per output tile of <paramref name="tile"/>.</summary>
    /// <param name="tile">The tile shape (the kernel launched must be the same one).</param>
    /// <param name="rows">Output rows.</param>
    /// <param name="cols">Output columns.</param>
    public static KernelConfig Config(Int8MmaTile tile, int rows, int cols) => new(
        new Index2D((cols + BlockCols(tile) - 1) / BlockCols(tile), (rows + BlockRows(tile) - 1) / BlockRows(tile)),
        new Index2D(Threads, 1));

    /// <summary>The 128 × 128 tile: 8 warps of 64 × 32 (4 × 4 fragments), K staged 64 codes at a time, 3 stages.</summary>
    /// <typeparam name="TEpilogue">Turns each int32 sum into the stored output.</typeparam>
    /// <param name="operands">The packed codes, their addresses and the shape.</param>
    /// <param name="epilogue">Called once per output element inside [rows × cols].</param>
    public static void KernelRows128Cols128<TEpilogue>(Int8MmaOperands operands, TEpilogue epilogue)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        var tile = SharedMemory.Allocate<int>(12288);
        int rows = operands.Rows, cols = operands.Cols, words = operands.Words;
        if (words < 0)
        {
            // Never taken: on CUDA every access is inline PTX naming the allocation, and this use keeps it alive.
            tile[0] = words;
        }

        int sharedBase = Int8MmaAsync.SharedBase();
        int tid = Group.IdxX;
        int warp = tid >> 5;
        int lane = tid & 31;
        int g = lane >> 2;
        int t = lane & 3;
        int row0 = Grid.IdxY * 128;
        int col0 = Grid.IdxX * 128;
        int warpRow = (warp / 4) * 64;
        int warpCol = (warp % 4) * 32;
        int kTiles = (words + 15) / 16;

        // Copy assignment: chunk q = tid + i·256 of a stage is row q / chunks, 16-byte chunk q % chunks.
        int lr0 = tid / 4;
        int lc0 = tid % 4;
        int ls0 = (lr0 * 64) + ((lc0 ^ ((lr0 >> 1) & 3)) * 16);
        bool lin0 = row0 + lr0 < rows;
        long lg0 = ((long)(row0 + lr0) * words) + (lc0 * 4);
        int lr1 = (tid + 256) / 4;
        int lc1 = (tid + 256) % 4;
        int ls1 = (lr1 * 64) + ((lc1 ^ ((lr1 >> 1) & 3)) * 16);
        bool lin1 = row0 + lr1 < rows;
        long lg1 = ((long)(row0 + lr1) * words) + (lc1 * 4);
        int lr2 = tid / 4;
        int lc2 = tid % 4;
        int ls2 = 8192 + (lr2 * 64) + ((lc2 ^ ((lr2 >> 1) & 3)) * 16);
        bool lin2 = col0 + lr2 < cols;
        long lg2 = ((long)(col0 + lr2) * words) + (lc2 * 4);
        int lr3 = (tid + 256) / 4;
        int lc3 = (tid + 256) % 4;
        int ls3 = 8192 + (lr3 * 64) + ((lc3 ^ ((lr3 >> 1) & 3)) * 16);
        bool lin3 = col0 + lr3 < cols;
        long lg3 = ((long)(col0 + lr3) * words) + (lc3 * 4);

        // Prologue: the first stages in flight.
        if (kTiles > 0)
        {
            int kw = 0;
            int sb = 0;
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls0, operands.A, operands.AAddress, lg0 + kw, lin0 && kw + (lc0 * 4) < words);
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls1, operands.A, operands.AAddress, lg1 + kw, lin1 && kw + (lc1 * 4) < words);
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls2, operands.B, operands.BAddress, lg2 + kw, lin2 && kw + (lc2 * 4) < words);
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls3, operands.B, operands.BAddress, lg3 + kw, lin3 && kw + (lc3 * 4) < words);
        }

        Int8MmaAsync.Commit();
        if (kTiles > 1)
        {
            int kw = 16;
            int sb = 16384;
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls0, operands.A, operands.AAddress, lg0 + kw, lin0 && kw + (lc0 * 4) < words);
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls1, operands.A, operands.AAddress, lg1 + kw, lin1 && kw + (lc1 * 4) < words);
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls2, operands.B, operands.BAddress, lg2 + kw, lin2 && kw + (lc2 * 4) < words);
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls3, operands.B, operands.BAddress, lg3 + kw, lin3 && kw + (lc3 * 4) < words);
        }

        Int8MmaAsync.Commit();

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

        // ldmatrix row addresses of this lane (byte offsets inside a stage, before the K step's chunk).
        int aLaneRow = warpRow + (lane & 15);
        int aLaneChunk = lane >> 4;
        int aLaneSwizzle = (aLaneRow >> 1) & 3;
        int bLaneRow = warpCol + (lane & 7) + ((lane >> 4) << 3);
        int bLaneChunk = (lane >> 3) & 1;
        int bLaneSwizzle = (bLaneRow >> 1) & 3;
        int readStage = 0;
        int writeStage = 2;
        for (int kt = 0; kt < kTiles; kt++)
        {
            // Stage kt has landed for this thread; the barrier makes it everyone's and frees stage kt − 1.
            Int8MmaAsync.WaitPending1();
            Group.Barrier();
            if (kt + 2 < kTiles)
            {
                int kw = (kt + 2) * 16;
                int sb = writeStage * 16384;
                Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls0, operands.A, operands.AAddress, lg0 + kw, lin0 && kw + (lc0 * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls1, operands.A, operands.AAddress, lg1 + kw, lin1 && kw + (lc1 * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls2, operands.B, operands.BAddress, lg2 + kw, lin2 && kw + (lc2 * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls3, operands.B, operands.BAddress, lg3 + kw, lin3 && kw + (lc3 * 4) < words);
            }

            Int8MmaAsync.Commit();
            int rb = readStage * 16384;
            // K step 0: codes 0..31 of the stage.
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + (aLaneRow * 64) + ((aLaneChunk ^ aLaneSwizzle) * 16), out int s0a00, out int s0a01, out int s0a02, out int s0a03);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + ((aLaneRow + 16) * 64) + ((aLaneChunk ^ aLaneSwizzle) * 16), out int s0a10, out int s0a11, out int s0a12, out int s0a13);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + ((aLaneRow + 32) * 64) + ((aLaneChunk ^ aLaneSwizzle) * 16), out int s0a20, out int s0a21, out int s0a22, out int s0a23);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + ((aLaneRow + 48) * 64) + ((aLaneChunk ^ aLaneSwizzle) * 16), out int s0a30, out int s0a31, out int s0a32, out int s0a33);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + 8192 + (bLaneRow * 64) + ((bLaneChunk ^ bLaneSwizzle) * 16), out int s0b00, out int s0b01, out int s0b10, out int s0b11);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + 8192 + ((bLaneRow + 16) * 64) + ((bLaneChunk ^ bLaneSwizzle) * 16), out int s0b20, out int s0b21, out int s0b30, out int s0b31);
            Int8MmaFragment.MultiplyAccumulate(ref c000, ref c001, ref c002, ref c003, s0a00, s0a01, s0a02, s0a03, s0b00, s0b01);
            Int8MmaFragment.MultiplyAccumulate(ref c010, ref c011, ref c012, ref c013, s0a00, s0a01, s0a02, s0a03, s0b10, s0b11);
            Int8MmaFragment.MultiplyAccumulate(ref c020, ref c021, ref c022, ref c023, s0a00, s0a01, s0a02, s0a03, s0b20, s0b21);
            Int8MmaFragment.MultiplyAccumulate(ref c030, ref c031, ref c032, ref c033, s0a00, s0a01, s0a02, s0a03, s0b30, s0b31);
            Int8MmaFragment.MultiplyAccumulate(ref c100, ref c101, ref c102, ref c103, s0a10, s0a11, s0a12, s0a13, s0b00, s0b01);
            Int8MmaFragment.MultiplyAccumulate(ref c110, ref c111, ref c112, ref c113, s0a10, s0a11, s0a12, s0a13, s0b10, s0b11);
            Int8MmaFragment.MultiplyAccumulate(ref c120, ref c121, ref c122, ref c123, s0a10, s0a11, s0a12, s0a13, s0b20, s0b21);
            Int8MmaFragment.MultiplyAccumulate(ref c130, ref c131, ref c132, ref c133, s0a10, s0a11, s0a12, s0a13, s0b30, s0b31);
            Int8MmaFragment.MultiplyAccumulate(ref c200, ref c201, ref c202, ref c203, s0a20, s0a21, s0a22, s0a23, s0b00, s0b01);
            Int8MmaFragment.MultiplyAccumulate(ref c210, ref c211, ref c212, ref c213, s0a20, s0a21, s0a22, s0a23, s0b10, s0b11);
            Int8MmaFragment.MultiplyAccumulate(ref c220, ref c221, ref c222, ref c223, s0a20, s0a21, s0a22, s0a23, s0b20, s0b21);
            Int8MmaFragment.MultiplyAccumulate(ref c230, ref c231, ref c232, ref c233, s0a20, s0a21, s0a22, s0a23, s0b30, s0b31);
            Int8MmaFragment.MultiplyAccumulate(ref c300, ref c301, ref c302, ref c303, s0a30, s0a31, s0a32, s0a33, s0b00, s0b01);
            Int8MmaFragment.MultiplyAccumulate(ref c310, ref c311, ref c312, ref c313, s0a30, s0a31, s0a32, s0a33, s0b10, s0b11);
            Int8MmaFragment.MultiplyAccumulate(ref c320, ref c321, ref c322, ref c323, s0a30, s0a31, s0a32, s0a33, s0b20, s0b21);
            Int8MmaFragment.MultiplyAccumulate(ref c330, ref c331, ref c332, ref c333, s0a30, s0a31, s0a32, s0a33, s0b30, s0b31);

            // K step 1: codes 32..63 of the stage.
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + (aLaneRow * 64) + (((2 + aLaneChunk) ^ aLaneSwizzle) * 16), out int s1a00, out int s1a01, out int s1a02, out int s1a03);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + ((aLaneRow + 16) * 64) + (((2 + aLaneChunk) ^ aLaneSwizzle) * 16), out int s1a10, out int s1a11, out int s1a12, out int s1a13);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + ((aLaneRow + 32) * 64) + (((2 + aLaneChunk) ^ aLaneSwizzle) * 16), out int s1a20, out int s1a21, out int s1a22, out int s1a23);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + ((aLaneRow + 48) * 64) + (((2 + aLaneChunk) ^ aLaneSwizzle) * 16), out int s1a30, out int s1a31, out int s1a32, out int s1a33);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + 8192 + (bLaneRow * 64) + (((2 + bLaneChunk) ^ bLaneSwizzle) * 16), out int s1b00, out int s1b01, out int s1b10, out int s1b11);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + 8192 + ((bLaneRow + 16) * 64) + (((2 + bLaneChunk) ^ bLaneSwizzle) * 16), out int s1b20, out int s1b21, out int s1b30, out int s1b31);
            Int8MmaFragment.MultiplyAccumulate(ref c000, ref c001, ref c002, ref c003, s1a00, s1a01, s1a02, s1a03, s1b00, s1b01);
            Int8MmaFragment.MultiplyAccumulate(ref c010, ref c011, ref c012, ref c013, s1a00, s1a01, s1a02, s1a03, s1b10, s1b11);
            Int8MmaFragment.MultiplyAccumulate(ref c020, ref c021, ref c022, ref c023, s1a00, s1a01, s1a02, s1a03, s1b20, s1b21);
            Int8MmaFragment.MultiplyAccumulate(ref c030, ref c031, ref c032, ref c033, s1a00, s1a01, s1a02, s1a03, s1b30, s1b31);
            Int8MmaFragment.MultiplyAccumulate(ref c100, ref c101, ref c102, ref c103, s1a10, s1a11, s1a12, s1a13, s1b00, s1b01);
            Int8MmaFragment.MultiplyAccumulate(ref c110, ref c111, ref c112, ref c113, s1a10, s1a11, s1a12, s1a13, s1b10, s1b11);
            Int8MmaFragment.MultiplyAccumulate(ref c120, ref c121, ref c122, ref c123, s1a10, s1a11, s1a12, s1a13, s1b20, s1b21);
            Int8MmaFragment.MultiplyAccumulate(ref c130, ref c131, ref c132, ref c133, s1a10, s1a11, s1a12, s1a13, s1b30, s1b31);
            Int8MmaFragment.MultiplyAccumulate(ref c200, ref c201, ref c202, ref c203, s1a20, s1a21, s1a22, s1a23, s1b00, s1b01);
            Int8MmaFragment.MultiplyAccumulate(ref c210, ref c211, ref c212, ref c213, s1a20, s1a21, s1a22, s1a23, s1b10, s1b11);
            Int8MmaFragment.MultiplyAccumulate(ref c220, ref c221, ref c222, ref c223, s1a20, s1a21, s1a22, s1a23, s1b20, s1b21);
            Int8MmaFragment.MultiplyAccumulate(ref c230, ref c231, ref c232, ref c233, s1a20, s1a21, s1a22, s1a23, s1b30, s1b31);
            Int8MmaFragment.MultiplyAccumulate(ref c300, ref c301, ref c302, ref c303, s1a30, s1a31, s1a32, s1a33, s1b00, s1b01);
            Int8MmaFragment.MultiplyAccumulate(ref c310, ref c311, ref c312, ref c313, s1a30, s1a31, s1a32, s1a33, s1b10, s1b11);
            Int8MmaFragment.MultiplyAccumulate(ref c320, ref c321, ref c322, ref c323, s1a30, s1a31, s1a32, s1a33, s1b20, s1b21);
            Int8MmaFragment.MultiplyAccumulate(ref c330, ref c331, ref c332, ref c333, s1a30, s1a31, s1a32, s1a33, s1b30, s1b31);

            readStage = readStage == 2 ? 0 : readStage + 1;
            writeStage = writeStage == 2 ? 0 : writeStage + 1;
        }

        Int8MmaAsync.WaitAll();
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

    /// <summary>The 128 × 256 tile: 8 warps of 64 × 64 (4 × 8 fragments), K staged 32 codes at a time, 4 stages.</summary>
    /// <typeparam name="TEpilogue">Turns each int32 sum into the stored output.</typeparam>
    /// <param name="operands">The packed codes, their addresses and the shape.</param>
    /// <param name="epilogue">Called once per output element inside [rows × cols].</param>
    public static void KernelRows128Cols256<TEpilogue>(Int8MmaOperands operands, TEpilogue epilogue)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        var tile = SharedMemory.Allocate<int>(12288);
        int rows = operands.Rows, cols = operands.Cols, words = operands.Words;
        if (words < 0)
        {
            // Never taken: on CUDA every access is inline PTX naming the allocation, and this use keeps it alive.
            tile[0] = words;
        }

        int sharedBase = Int8MmaAsync.SharedBase();
        int tid = Group.IdxX;
        int warp = tid >> 5;
        int lane = tid & 31;
        int g = lane >> 2;
        int t = lane & 3;
        int row0 = Grid.IdxY * 128;
        int col0 = Grid.IdxX * 256;
        int warpRow = (warp / 4) * 64;
        int warpCol = (warp % 4) * 64;
        int kTiles = (words + 7) / 8;

        // Copy assignment: chunk q = tid + i·256 of a stage is row q / chunks, 16-byte chunk q % chunks.
        int lr0 = tid / 2;
        int lc0 = tid % 2;
        int ls0 = (lr0 * 32) + ((lc0 ^ ((lr0 >> 2) & 1)) * 16);
        bool lin0 = row0 + lr0 < rows;
        long lg0 = ((long)(row0 + lr0) * words) + (lc0 * 4);
        int lr1 = tid / 2;
        int lc1 = tid % 2;
        int ls1 = 4096 + (lr1 * 32) + ((lc1 ^ ((lr1 >> 2) & 1)) * 16);
        bool lin1 = col0 + lr1 < cols;
        long lg1 = ((long)(col0 + lr1) * words) + (lc1 * 4);
        int lr2 = (tid + 256) / 2;
        int lc2 = (tid + 256) % 2;
        int ls2 = 4096 + (lr2 * 32) + ((lc2 ^ ((lr2 >> 2) & 1)) * 16);
        bool lin2 = col0 + lr2 < cols;
        long lg2 = ((long)(col0 + lr2) * words) + (lc2 * 4);

        // Prologue: the first stages in flight.
        if (kTiles > 0)
        {
            int kw = 0;
            int sb = 0;
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls0, operands.A, operands.AAddress, lg0 + kw, lin0 && kw + (lc0 * 4) < words);
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls1, operands.B, operands.BAddress, lg1 + kw, lin1 && kw + (lc1 * 4) < words);
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls2, operands.B, operands.BAddress, lg2 + kw, lin2 && kw + (lc2 * 4) < words);
        }

        Int8MmaAsync.Commit();
        if (kTiles > 1)
        {
            int kw = 8;
            int sb = 12288;
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls0, operands.A, operands.AAddress, lg0 + kw, lin0 && kw + (lc0 * 4) < words);
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls1, operands.B, operands.BAddress, lg1 + kw, lin1 && kw + (lc1 * 4) < words);
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls2, operands.B, operands.BAddress, lg2 + kw, lin2 && kw + (lc2 * 4) < words);
        }

        Int8MmaAsync.Commit();
        if (kTiles > 2)
        {
            int kw = 16;
            int sb = 24576;
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls0, operands.A, operands.AAddress, lg0 + kw, lin0 && kw + (lc0 * 4) < words);
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls1, operands.B, operands.BAddress, lg1 + kw, lin1 && kw + (lc1 * 4) < words);
            Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls2, operands.B, operands.BAddress, lg2 + kw, lin2 && kw + (lc2 * 4) < words);
        }

        Int8MmaAsync.Commit();

        int c000 = 0, c001 = 0, c002 = 0, c003 = 0;
        int c010 = 0, c011 = 0, c012 = 0, c013 = 0;
        int c020 = 0, c021 = 0, c022 = 0, c023 = 0;
        int c030 = 0, c031 = 0, c032 = 0, c033 = 0;
        int c040 = 0, c041 = 0, c042 = 0, c043 = 0;
        int c050 = 0, c051 = 0, c052 = 0, c053 = 0;
        int c060 = 0, c061 = 0, c062 = 0, c063 = 0;
        int c070 = 0, c071 = 0, c072 = 0, c073 = 0;
        int c100 = 0, c101 = 0, c102 = 0, c103 = 0;
        int c110 = 0, c111 = 0, c112 = 0, c113 = 0;
        int c120 = 0, c121 = 0, c122 = 0, c123 = 0;
        int c130 = 0, c131 = 0, c132 = 0, c133 = 0;
        int c140 = 0, c141 = 0, c142 = 0, c143 = 0;
        int c150 = 0, c151 = 0, c152 = 0, c153 = 0;
        int c160 = 0, c161 = 0, c162 = 0, c163 = 0;
        int c170 = 0, c171 = 0, c172 = 0, c173 = 0;
        int c200 = 0, c201 = 0, c202 = 0, c203 = 0;
        int c210 = 0, c211 = 0, c212 = 0, c213 = 0;
        int c220 = 0, c221 = 0, c222 = 0, c223 = 0;
        int c230 = 0, c231 = 0, c232 = 0, c233 = 0;
        int c240 = 0, c241 = 0, c242 = 0, c243 = 0;
        int c250 = 0, c251 = 0, c252 = 0, c253 = 0;
        int c260 = 0, c261 = 0, c262 = 0, c263 = 0;
        int c270 = 0, c271 = 0, c272 = 0, c273 = 0;
        int c300 = 0, c301 = 0, c302 = 0, c303 = 0;
        int c310 = 0, c311 = 0, c312 = 0, c313 = 0;
        int c320 = 0, c321 = 0, c322 = 0, c323 = 0;
        int c330 = 0, c331 = 0, c332 = 0, c333 = 0;
        int c340 = 0, c341 = 0, c342 = 0, c343 = 0;
        int c350 = 0, c351 = 0, c352 = 0, c353 = 0;
        int c360 = 0, c361 = 0, c362 = 0, c363 = 0;
        int c370 = 0, c371 = 0, c372 = 0, c373 = 0;

        // ldmatrix row addresses of this lane (byte offsets inside a stage, before the K step's chunk).
        int aLaneRow = warpRow + (lane & 15);
        int aLaneChunk = lane >> 4;
        int aLaneSwizzle = (aLaneRow >> 2) & 1;
        int bLaneRow = warpCol + (lane & 7) + ((lane >> 4) << 3);
        int bLaneChunk = (lane >> 3) & 1;
        int bLaneSwizzle = (bLaneRow >> 2) & 1;
        int readStage = 0;
        int writeStage = 3;
        for (int kt = 0; kt < kTiles; kt++)
        {
            // Stage kt has landed for this thread; the barrier makes it everyone's and frees stage kt − 1.
            Int8MmaAsync.WaitPending2();
            Group.Barrier();
            if (kt + 3 < kTiles)
            {
                int kw = (kt + 3) * 8;
                int sb = writeStage * 12288;
                Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls0, operands.A, operands.AAddress, lg0 + kw, lin0 && kw + (lc0 * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls1, operands.B, operands.BAddress, lg1 + kw, lin1 && kw + (lc1 * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls2, operands.B, operands.BAddress, lg2 + kw, lin2 && kw + (lc2 * 4) < words);
            }

            Int8MmaAsync.Commit();
            int rb = readStage * 12288;
            // K step 0: codes 0..31 of the stage.
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + (aLaneRow * 32) + ((aLaneChunk ^ aLaneSwizzle) * 16), out int s0a00, out int s0a01, out int s0a02, out int s0a03);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + ((aLaneRow + 16) * 32) + ((aLaneChunk ^ aLaneSwizzle) * 16), out int s0a10, out int s0a11, out int s0a12, out int s0a13);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + ((aLaneRow + 32) * 32) + ((aLaneChunk ^ aLaneSwizzle) * 16), out int s0a20, out int s0a21, out int s0a22, out int s0a23);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + ((aLaneRow + 48) * 32) + ((aLaneChunk ^ aLaneSwizzle) * 16), out int s0a30, out int s0a31, out int s0a32, out int s0a33);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + 4096 + (bLaneRow * 32) + ((bLaneChunk ^ bLaneSwizzle) * 16), out int s0b00, out int s0b01, out int s0b10, out int s0b11);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + 4096 + ((bLaneRow + 16) * 32) + ((bLaneChunk ^ bLaneSwizzle) * 16), out int s0b20, out int s0b21, out int s0b30, out int s0b31);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + 4096 + ((bLaneRow + 32) * 32) + ((bLaneChunk ^ bLaneSwizzle) * 16), out int s0b40, out int s0b41, out int s0b50, out int s0b51);
            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + 4096 + ((bLaneRow + 48) * 32) + ((bLaneChunk ^ bLaneSwizzle) * 16), out int s0b60, out int s0b61, out int s0b70, out int s0b71);
            Int8MmaFragment.MultiplyAccumulate(ref c000, ref c001, ref c002, ref c003, s0a00, s0a01, s0a02, s0a03, s0b00, s0b01);
            Int8MmaFragment.MultiplyAccumulate(ref c010, ref c011, ref c012, ref c013, s0a00, s0a01, s0a02, s0a03, s0b10, s0b11);
            Int8MmaFragment.MultiplyAccumulate(ref c020, ref c021, ref c022, ref c023, s0a00, s0a01, s0a02, s0a03, s0b20, s0b21);
            Int8MmaFragment.MultiplyAccumulate(ref c030, ref c031, ref c032, ref c033, s0a00, s0a01, s0a02, s0a03, s0b30, s0b31);
            Int8MmaFragment.MultiplyAccumulate(ref c040, ref c041, ref c042, ref c043, s0a00, s0a01, s0a02, s0a03, s0b40, s0b41);
            Int8MmaFragment.MultiplyAccumulate(ref c050, ref c051, ref c052, ref c053, s0a00, s0a01, s0a02, s0a03, s0b50, s0b51);
            Int8MmaFragment.MultiplyAccumulate(ref c060, ref c061, ref c062, ref c063, s0a00, s0a01, s0a02, s0a03, s0b60, s0b61);
            Int8MmaFragment.MultiplyAccumulate(ref c070, ref c071, ref c072, ref c073, s0a00, s0a01, s0a02, s0a03, s0b70, s0b71);
            Int8MmaFragment.MultiplyAccumulate(ref c100, ref c101, ref c102, ref c103, s0a10, s0a11, s0a12, s0a13, s0b00, s0b01);
            Int8MmaFragment.MultiplyAccumulate(ref c110, ref c111, ref c112, ref c113, s0a10, s0a11, s0a12, s0a13, s0b10, s0b11);
            Int8MmaFragment.MultiplyAccumulate(ref c120, ref c121, ref c122, ref c123, s0a10, s0a11, s0a12, s0a13, s0b20, s0b21);
            Int8MmaFragment.MultiplyAccumulate(ref c130, ref c131, ref c132, ref c133, s0a10, s0a11, s0a12, s0a13, s0b30, s0b31);
            Int8MmaFragment.MultiplyAccumulate(ref c140, ref c141, ref c142, ref c143, s0a10, s0a11, s0a12, s0a13, s0b40, s0b41);
            Int8MmaFragment.MultiplyAccumulate(ref c150, ref c151, ref c152, ref c153, s0a10, s0a11, s0a12, s0a13, s0b50, s0b51);
            Int8MmaFragment.MultiplyAccumulate(ref c160, ref c161, ref c162, ref c163, s0a10, s0a11, s0a12, s0a13, s0b60, s0b61);
            Int8MmaFragment.MultiplyAccumulate(ref c170, ref c171, ref c172, ref c173, s0a10, s0a11, s0a12, s0a13, s0b70, s0b71);
            Int8MmaFragment.MultiplyAccumulate(ref c200, ref c201, ref c202, ref c203, s0a20, s0a21, s0a22, s0a23, s0b00, s0b01);
            Int8MmaFragment.MultiplyAccumulate(ref c210, ref c211, ref c212, ref c213, s0a20, s0a21, s0a22, s0a23, s0b10, s0b11);
            Int8MmaFragment.MultiplyAccumulate(ref c220, ref c221, ref c222, ref c223, s0a20, s0a21, s0a22, s0a23, s0b20, s0b21);
            Int8MmaFragment.MultiplyAccumulate(ref c230, ref c231, ref c232, ref c233, s0a20, s0a21, s0a22, s0a23, s0b30, s0b31);
            Int8MmaFragment.MultiplyAccumulate(ref c240, ref c241, ref c242, ref c243, s0a20, s0a21, s0a22, s0a23, s0b40, s0b41);
            Int8MmaFragment.MultiplyAccumulate(ref c250, ref c251, ref c252, ref c253, s0a20, s0a21, s0a22, s0a23, s0b50, s0b51);
            Int8MmaFragment.MultiplyAccumulate(ref c260, ref c261, ref c262, ref c263, s0a20, s0a21, s0a22, s0a23, s0b60, s0b61);
            Int8MmaFragment.MultiplyAccumulate(ref c270, ref c271, ref c272, ref c273, s0a20, s0a21, s0a22, s0a23, s0b70, s0b71);
            Int8MmaFragment.MultiplyAccumulate(ref c300, ref c301, ref c302, ref c303, s0a30, s0a31, s0a32, s0a33, s0b00, s0b01);
            Int8MmaFragment.MultiplyAccumulate(ref c310, ref c311, ref c312, ref c313, s0a30, s0a31, s0a32, s0a33, s0b10, s0b11);
            Int8MmaFragment.MultiplyAccumulate(ref c320, ref c321, ref c322, ref c323, s0a30, s0a31, s0a32, s0a33, s0b20, s0b21);
            Int8MmaFragment.MultiplyAccumulate(ref c330, ref c331, ref c332, ref c333, s0a30, s0a31, s0a32, s0a33, s0b30, s0b31);
            Int8MmaFragment.MultiplyAccumulate(ref c340, ref c341, ref c342, ref c343, s0a30, s0a31, s0a32, s0a33, s0b40, s0b41);
            Int8MmaFragment.MultiplyAccumulate(ref c350, ref c351, ref c352, ref c353, s0a30, s0a31, s0a32, s0a33, s0b50, s0b51);
            Int8MmaFragment.MultiplyAccumulate(ref c360, ref c361, ref c362, ref c363, s0a30, s0a31, s0a32, s0a33, s0b60, s0b61);
            Int8MmaFragment.MultiplyAccumulate(ref c370, ref c371, ref c372, ref c373, s0a30, s0a31, s0a32, s0a33, s0b70, s0b71);

            readStage = readStage == 3 ? 0 : readStage + 1;
            writeStage = writeStage == 3 ? 0 : writeStage + 1;
        }

        Int8MmaAsync.WaitAll();
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
        Store(epilogue, c040, rowBase, colBase + 32, rows, cols);
        Store(epilogue, c041, rowBase, colBase + 33, rows, cols);
        Store(epilogue, c042, rowBase + 8, colBase + 32, rows, cols);
        Store(epilogue, c043, rowBase + 8, colBase + 33, rows, cols);
        Store(epilogue, c050, rowBase, colBase + 40, rows, cols);
        Store(epilogue, c051, rowBase, colBase + 41, rows, cols);
        Store(epilogue, c052, rowBase + 8, colBase + 40, rows, cols);
        Store(epilogue, c053, rowBase + 8, colBase + 41, rows, cols);
        Store(epilogue, c060, rowBase, colBase + 48, rows, cols);
        Store(epilogue, c061, rowBase, colBase + 49, rows, cols);
        Store(epilogue, c062, rowBase + 8, colBase + 48, rows, cols);
        Store(epilogue, c063, rowBase + 8, colBase + 49, rows, cols);
        Store(epilogue, c070, rowBase, colBase + 56, rows, cols);
        Store(epilogue, c071, rowBase, colBase + 57, rows, cols);
        Store(epilogue, c072, rowBase + 8, colBase + 56, rows, cols);
        Store(epilogue, c073, rowBase + 8, colBase + 57, rows, cols);
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
        Store(epilogue, c140, rowBase + 16, colBase + 32, rows, cols);
        Store(epilogue, c141, rowBase + 16, colBase + 33, rows, cols);
        Store(epilogue, c142, rowBase + 24, colBase + 32, rows, cols);
        Store(epilogue, c143, rowBase + 24, colBase + 33, rows, cols);
        Store(epilogue, c150, rowBase + 16, colBase + 40, rows, cols);
        Store(epilogue, c151, rowBase + 16, colBase + 41, rows, cols);
        Store(epilogue, c152, rowBase + 24, colBase + 40, rows, cols);
        Store(epilogue, c153, rowBase + 24, colBase + 41, rows, cols);
        Store(epilogue, c160, rowBase + 16, colBase + 48, rows, cols);
        Store(epilogue, c161, rowBase + 16, colBase + 49, rows, cols);
        Store(epilogue, c162, rowBase + 24, colBase + 48, rows, cols);
        Store(epilogue, c163, rowBase + 24, colBase + 49, rows, cols);
        Store(epilogue, c170, rowBase + 16, colBase + 56, rows, cols);
        Store(epilogue, c171, rowBase + 16, colBase + 57, rows, cols);
        Store(epilogue, c172, rowBase + 24, colBase + 56, rows, cols);
        Store(epilogue, c173, rowBase + 24, colBase + 57, rows, cols);
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
        Store(epilogue, c240, rowBase + 32, colBase + 32, rows, cols);
        Store(epilogue, c241, rowBase + 32, colBase + 33, rows, cols);
        Store(epilogue, c242, rowBase + 40, colBase + 32, rows, cols);
        Store(epilogue, c243, rowBase + 40, colBase + 33, rows, cols);
        Store(epilogue, c250, rowBase + 32, colBase + 40, rows, cols);
        Store(epilogue, c251, rowBase + 32, colBase + 41, rows, cols);
        Store(epilogue, c252, rowBase + 40, colBase + 40, rows, cols);
        Store(epilogue, c253, rowBase + 40, colBase + 41, rows, cols);
        Store(epilogue, c260, rowBase + 32, colBase + 48, rows, cols);
        Store(epilogue, c261, rowBase + 32, colBase + 49, rows, cols);
        Store(epilogue, c262, rowBase + 40, colBase + 48, rows, cols);
        Store(epilogue, c263, rowBase + 40, colBase + 49, rows, cols);
        Store(epilogue, c270, rowBase + 32, colBase + 56, rows, cols);
        Store(epilogue, c271, rowBase + 32, colBase + 57, rows, cols);
        Store(epilogue, c272, rowBase + 40, colBase + 56, rows, cols);
        Store(epilogue, c273, rowBase + 40, colBase + 57, rows, cols);
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
        Store(epilogue, c340, rowBase + 48, colBase + 32, rows, cols);
        Store(epilogue, c341, rowBase + 48, colBase + 33, rows, cols);
        Store(epilogue, c342, rowBase + 56, colBase + 32, rows, cols);
        Store(epilogue, c343, rowBase + 56, colBase + 33, rows, cols);
        Store(epilogue, c350, rowBase + 48, colBase + 40, rows, cols);
        Store(epilogue, c351, rowBase + 48, colBase + 41, rows, cols);
        Store(epilogue, c352, rowBase + 56, colBase + 40, rows, cols);
        Store(epilogue, c353, rowBase + 56, colBase + 41, rows, cols);
        Store(epilogue, c360, rowBase + 48, colBase + 48, rows, cols);
        Store(epilogue, c361, rowBase + 48, colBase + 49, rows, cols);
        Store(epilogue, c362, rowBase + 56, colBase + 48, rows, cols);
        Store(epilogue, c363, rowBase + 56, colBase + 49, rows, cols);
        Store(epilogue, c370, rowBase + 48, colBase + 56, rows, cols);
        Store(epilogue, c371, rowBase + 48, colBase + 57, rows, cols);
        Store(epilogue, c372, rowBase + 56, colBase + 56, rows, cols);
        Store(epilogue, c373, rowBase + 56, colBase + 57, rows, cols);
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
