using ILGPU;
using ILGPU.Runtime.Cuda;

namespace QuantDsl.Kernels.Gemm;

// Written out by kernels/tools/generate_int8_mma_gemm.py (ILGPU does not unroll loops): edit the script, not this file.

/// <summary>
/// The tensor-core (<c>mma.sync</c> m16n8k32 s8) int8 GEMM main loop, generic over its epilogue, one kernel per block
/// tile shape (<see cref="Int8MmaTile"/>). On CUDA the whole K loop is one inline-PTX block: 16-byte <c>cp.async</c>
/// copies (zero-filled outside the operands) fill a ring of shared-memory stages while the current stage is multiplied
/// (one barrier per stage), fragments come from shared memory by <c>ldmatrix.x4</c>, and accumulators and fragments
/// stay in PTX registers (ILGPU passes every asm operand through local memory, so per-instruction asm calls would put
/// the loop's registers in memory). Stage rows store their 16-byte chunks XOR-swizzled by row, which makes the copies
/// and the ldmatrix phases conflict-free. Elsewhere (ILGPU's CPU accelerator) a managed twin runs the same ring,
/// swizzle and fragment layout. Operands: A [rows × words] and B [cols × words] of packed int8 codes, K-contiguous, K
/// padded to <see cref="KMultiple"/> codes; rows and cols need not be tile multiples (they read as zero). A grid with
/// fewer output tiles than SMs (decode-sized M) may split K over the grid's Z (<see cref="ChooseKSplits"/>): each block
/// multiplies a range of K tiles and <see cref="Int8SplitK"/> adds the exact partial sums, so the epilogue sees the same
/// int32 totals.
/// </summary>
public static class Int8MmaGemm
{
    /// <summary>K multiple of the packed operands, in codes (one mma K step; the last stage may be partly zero).</summary>
    public const int KMultiple = 32;

    /// <summary>
    /// Row bands per group of the block order (see the kernels): at 8192³ in row-major order the L2 hit rate was 65 %
    /// and L2 throughput 74 % (ncu, H200, 2026-12-03).
    /// </summary>
    public const int GroupRows = 8;

    /// <summary>Words (four codes each) of one K tile: one stage of the ring along K.</summary>
    public const int KTileWords = 16;

    /// <summary>Fewest K tiles a block of a K split multiplies (below this the ring's prologue dominates).</summary>
    public const int MinKTilesPerSplit = 4;

    /// <summary>Most blocks per output tile along K.</summary>
    public const int MaxKSplits = 16;

    /// <summary>Dynamic shared memory of the 128 × 256 wgmma tile's ring: 6 stages of (128 + 256) rows × 64 codes.</summary>
    public const int WideRingBytes = 6 * (128 + 256) * 64;

    /// <summary>Output rows per block of <paramref name="tile"/>.</summary>
    /// <param name="tile">The tile shape.</param>
    public static int BlockRows(Int8MmaTile tile) => IsSixtyFourRows(tile) ? 64 : 128;

    /// <summary>Output columns per block of <paramref name="tile"/>.</summary>
    /// <param name="tile">The tile shape.</param>
    public static int BlockCols(Int8MmaTile tile) => tile == Int8MmaTile.WgmmaRows128Cols256 ? 256 : 128;

    /// <summary>Threads per block of <paramref name="tile"/>.</summary>
    /// <param name="tile">The tile shape.</param>
    public static int Threads(Int8MmaTile tile) => IsSixtyFourRows(tile) ? 128 : 256;

    /// <summary>Whether <paramref name="tile"/> runs on Hopper's warpgroup MMA (a <see cref="HopperKernelAttribute"/> kernel).</summary>
    /// <param name="tile">The tile shape.</param>
    public static bool IsWarpgroupTile(Int8MmaTile tile) =>
        tile is Int8MmaTile.WgmmaRows128Cols128 or Int8MmaTile.WgmmaRows64Cols128 or Int8MmaTile.WgmmaRows128Cols256;

    /// <summary>Bytes of dynamic shared memory a launch of <paramref name="tile"/> requests (0: its ring is static).</summary>
    /// <param name="tile">The tile shape.</param>
    public static int DynamicSharedBytes(Int8MmaTile tile) => tile == Int8MmaTile.WgmmaRows128Cols256 ? WideRingBytes : 0;

    /// <summary>
    /// The shape for an M × N output. With <paramref name="warpgroupMma"/> (a compute-capability 9.0 GPU): the mma.sync
    /// 64 × 128 tile up to 16 rows (decode batches: with the K split it made the [Int8Outliers] forward 4–16 % faster than
    /// wgmma 64 × 128 at M = 1 and 16 on all three shapes measured, H200 2026-12-04 evening, e.g. 1 × 4096²: 36.1 against
    /// 39.6 µs; at M = 128 wgmma was faster or equal), the wgmma
    /// 64 × 128 tile up to 256 rows, 128 × 128 above (H200, 2026-12-04: 750.8 TOPS at 8192³ and 583.3 at 4096³ against
    /// 602.8 and 516.8 for the best mma.sync tile; M = 1 and 257 fastest with 64 rows; at M = 128 a 128-row grid has too
    /// few blocks). Not the 128 × 256 tile, though its int32 GEMM is faster (855.6 / 714.3 TOPS): with the layers'
    /// epilogues it made the [Int8Outliers] forward slower (4096 × 4096²: 0.4521 ms against 0.3485 with 128 × 128). Without: the mma.sync 64 × 128
    /// tile up to 4096² outputs (2026-12-02: 527 vs 489 TOPS at 4096³, equal at 4095 × 4097, faster at M = 1 or 257),
    /// 128 × 128 above (593 vs 455 TOPS at 8192³).
    /// </summary>
    /// <param name="rows">Output rows (M).</param>
    /// <param name="cols">Output columns (N).</param>
    /// <param name="warpgroupMma">Whether the device runs the <see cref="HopperKernelAttribute"/> tiles.</param>
    public static Int8MmaTile ChooseTile(int rows, int cols, bool warpgroupMma = false) => warpgroupMma
        ? (rows <= 16 ? Int8MmaTile.Rows64Cols128 : rows <= 256 ? Int8MmaTile.WgmmaRows64Cols128 : Int8MmaTile.WgmmaRows128Cols128)
        : (rows <= 64 || (long)rows * cols <= 4096L * 4096 ? Int8MmaTile.Rows64Cols128 : Int8MmaTile.Rows128Cols128);

    /// <summary>One block per output tile of <paramref name="tile"/>, K not split.</summary>
    /// <param name="tile">The tile shape (the kernel launched must be the same one).</param>
    /// <param name="rows">Output rows.</param>
    /// <param name="cols">Output columns.</param>
    public static KernelConfig Config(Int8MmaTile tile, int rows, int cols) => Config(tile, rows, cols, 1);

    /// <summary>
    /// The launch of <paramref name="operands"/> on <paramref name="tile"/>: one block per output tile, times
    /// <see cref="Int8MmaOperands.KSplits"/> along the grid's Z (the kernels split K by the grid, so the two always agree).
    /// </summary>
    /// <param name="tile">The tile shape (the kernel launched must be the same one).</param>
    /// <param name="operands">The operands (<see cref="Int8MmaOperands.WithKSplits"/> for a split).</param>
    public static KernelConfig Config(Int8MmaTile tile, Int8MmaOperands operands) =>
        Config(tile, operands.Rows, operands.Cols, operands.KSplits);

    /// <summary>Output tiles of an M × N product on <paramref name="tile"/> (the blocks of one K split).</summary>
    /// <param name="tile">The tile shape.</param>
    /// <param name="rows">Output rows.</param>
    /// <param name="cols">Output columns.</param>
    public static int Tiles(Int8MmaTile tile, int rows, int cols) =>
        ((cols + BlockCols(tile) - 1) / BlockCols(tile)) * ((rows + BlockRows(tile) - 1) / BlockRows(tile));

    /// <summary>K tiles (<see cref="KTileWords"/> words each) of operand rows of <paramref name="words"/> words.</summary>
    /// <param name="words">Words per operand row.</param>
    public static int KTiles(int words) => (words + KTileWords - 1) / KTileWords;

    /// <summary>K tiles each block of a split multiplies (the last block takes the remainder).</summary>
    /// <param name="kTiles">K tiles of the product.</param>
    /// <param name="splits">Blocks per output tile along K.</param>
    public static int KTilesPerSplit(int kTiles, int splits) => (kTiles + splits - 1) / IntrinsicMath.Max(splits, 1);

    /// <summary>
    /// <paramref name="requested"/> reduced so that every split gets at least one K tile: the number of non-empty splits of
    /// <see cref="KTilesPerSplit"/> (a request of 3 over 4 K tiles gives 2 tiles each, so 2 splits).
    /// </summary>
    /// <param name="words">Words per operand row.</param>
    /// <param name="requested">Splits asked for (at least 1).</param>
    public static int NormalizeKSplits(int words, int requested)
    {
        int kTiles = Math.Max(KTiles(words), 1);
        int splits = Math.Clamp(requested, 1, kTiles);
        int perSplit = KTilesPerSplit(kTiles, splits);
        return (kTiles + perSplit - 1) / perSplit;
    }

    /// <summary>
    /// How many blocks share each output tile along K: 1 unless the tiles fill at most a quarter of the SMs; then enough
    /// splits for about two blocks per SM, each with at least <see cref="MinKTilesPerSplit"/> K tiles, at most
    /// <see cref="MaxKSplits"/>. A decode-sized GEMM (M = 1, 4096 outputs: 32 tiles of 64 × 128 for 132 SMs) otherwise
    /// streams all of B through a quarter of the SMs. Measured on the H200 (ncu, 2026-12-04, 1 × 4096 × 4096): the
    /// layer's wgmma GEMM 32.7 → 23.4 µs with 8 splits, mma.sync 64 × 128 25.6 → 18.4 µs; but with 86 tiles (1 × 4096 ×
    /// 11008, 3 splits) or 64 (128 × 4096², 4 splits) splitting was 4–20 % slower, hence the quarter.
    /// </summary>
    /// <param name="tile">The tile shape.</param>
    /// <param name="rows">Output rows.</param>
    /// <param name="cols">Output columns.</param>
    /// <param name="words">Words per operand row.</param>
    /// <param name="multiprocessors">The device's SM count.</param>
    public static int ChooseKSplits(Int8MmaTile tile, int rows, int cols, int words, int multiprocessors)
    {
        int tiles = Tiles(tile, rows, cols);
        if (tiles <= 0 || 4L * tiles > multiprocessors)
        {
            return 1;
        }

        int wanted = Math.Min((2 * multiprocessors) / tiles, Math.Min(MaxKSplits, KTiles(words) / MinKTilesPerSplit));
        return NormalizeKSplits(words, Math.Max(wanted, 1));
    }

    /// <summary>The kernel of <paramref name="tile"/>, for launchers that pick the shape at run time.</summary>
    /// <typeparam name="TEpilogue">The epilogue.</typeparam>
    /// <param name="tile">The tile shape.</param>
    public static Action<Int8MmaOperands, TEpilogue> KernelFor<TEpilogue>(Int8MmaTile tile)
        where TEpilogue : struct, IInt8TileEpilogue => tile switch
        {
            Int8MmaTile.Rows128Cols128 => KernelRows128Cols128,
            Int8MmaTile.Rows64Cols128 => KernelRows64Cols128,
            Int8MmaTile.WgmmaRows128Cols128 => KernelWgmmaRows128Cols128,
            Int8MmaTile.WgmmaRows64Cols128 => KernelWgmmaRows64Cols128,
            Int8MmaTile.WgmmaRows128Cols256 => KernelWgmmaRows128Cols256,
            _ => throw new ArgumentOutOfRangeException(nameof(tile), tile, "not an Int8MmaTile"),
        };

    private const string MainLoopRows128Cols128 =
        "{\n" +
        ".reg .pred qp, qv, qc;\n" +
        ".reg .b32 q<64>;\n" +
        ".reg .b32 qa<16>;\n" +
        ".reg .b32 qb<8>;\n" +
        ".reg .b32 qkt, qn, qrs, qws, qsz, qt, qx, qd, qdst, qok, qsw, qkl, qal, qbl, qal1, qbl1, qbase, qoff, qbit, qy;\n" +
        ".reg .b64 qga, qgb, qstep, qfb, qxb, qsrc, qrow;\n" +
        "mov.b64 qga, %32;\n" +
        "mov.b64 qgb, %33;\n" +
        "mov.b64 qstep, %34;\n" +
        "mov.b64 qfb, %35;\n" +
        "mov.b32 qsw, %36;\n" +
        "mov.b32 qok, %37;\n" +
        "mov.b32 qkl, %38;\n" +
        "mov.b32 qn, %39;\n" +
        "mov.b32 qal, %40;\n" +
        "mov.b32 qbl, %41;\n" +
        "mov.b32 qbase, %42;\n" +
        "xor.b32 qal1, qal, 32;\n" +
        "xor.b32 qbl1, qbl, 32;\n" +
        "mov.b32 q0, 0;\n" +
        "mov.b32 q1, 0;\n" +
        "mov.b32 q2, 0;\n" +
        "mov.b32 q3, 0;\n" +
        "mov.b32 q4, 0;\n" +
        "mov.b32 q5, 0;\n" +
        "mov.b32 q6, 0;\n" +
        "mov.b32 q7, 0;\n" +
        "mov.b32 q8, 0;\n" +
        "mov.b32 q9, 0;\n" +
        "mov.b32 q10, 0;\n" +
        "mov.b32 q11, 0;\n" +
        "mov.b32 q12, 0;\n" +
        "mov.b32 q13, 0;\n" +
        "mov.b32 q14, 0;\n" +
        "mov.b32 q15, 0;\n" +
        "mov.b32 q16, 0;\n" +
        "mov.b32 q17, 0;\n" +
        "mov.b32 q18, 0;\n" +
        "mov.b32 q19, 0;\n" +
        "mov.b32 q20, 0;\n" +
        "mov.b32 q21, 0;\n" +
        "mov.b32 q22, 0;\n" +
        "mov.b32 q23, 0;\n" +
        "mov.b32 q24, 0;\n" +
        "mov.b32 q25, 0;\n" +
        "mov.b32 q26, 0;\n" +
        "mov.b32 q27, 0;\n" +
        "mov.b32 q28, 0;\n" +
        "mov.b32 q29, 0;\n" +
        "mov.b32 q30, 0;\n" +
        "mov.b32 q31, 0;\n" +
        "mov.b32 q32, 0;\n" +
        "mov.b32 q33, 0;\n" +
        "mov.b32 q34, 0;\n" +
        "mov.b32 q35, 0;\n" +
        "mov.b32 q36, 0;\n" +
        "mov.b32 q37, 0;\n" +
        "mov.b32 q38, 0;\n" +
        "mov.b32 q39, 0;\n" +
        "mov.b32 q40, 0;\n" +
        "mov.b32 q41, 0;\n" +
        "mov.b32 q42, 0;\n" +
        "mov.b32 q43, 0;\n" +
        "mov.b32 q44, 0;\n" +
        "mov.b32 q45, 0;\n" +
        "mov.b32 q46, 0;\n" +
        "mov.b32 q47, 0;\n" +
        "mov.b32 q48, 0;\n" +
        "mov.b32 q49, 0;\n" +
        "mov.b32 q50, 0;\n" +
        "mov.b32 q51, 0;\n" +
        "mov.b32 q52, 0;\n" +
        "mov.b32 q53, 0;\n" +
        "mov.b32 q54, 0;\n" +
        "mov.b32 q55, 0;\n" +
        "mov.b32 q56, 0;\n" +
        "mov.b32 q57, 0;\n" +
        "mov.b32 q58, 0;\n" +
        "mov.b32 q59, 0;\n" +
        "mov.b32 q60, 0;\n" +
        "mov.b32 q61, 0;\n" +
        "mov.b32 q62, 0;\n" +
        "mov.b32 q63, 0;\n" +
        "setp.le.s32 qp, qn, 0;\n" +
        "@qp bra QMMA_SKIP0;\n" +
        "mov.b32 qt, 0;\n" +
        "mov.b32 qoff, 0;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 12288;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP0:\n" +
        "cp.async.commit_group;\n" +
        "setp.le.s32 qp, qn, 1;\n" +
        "@qp bra QMMA_SKIP1;\n" +
        "mov.b32 qt, 1;\n" +
        "mov.b32 qoff, 16384;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 12288;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP1:\n" +
        "cp.async.commit_group;\n" +
        "mov.b32 qkt, 0;\n" +
        "mov.b32 qrs, 0;\n" +
        "mov.b32 qws, 32768;\n" +
        "QMMA_LOOP:\n" +
        "setp.ge.s32 qp, qkt, qn;\n" +
        "@qp bra QMMA_DONE;\n" +
        "cp.async.wait_group 1;\n" +
        "bar.sync 0;\n" +
        "add.s32 qt, qkt, 2;\n" +
        "setp.ge.s32 qp, qt, qn;\n" +
        "@qp bra QMMA_NOISSUE;\n" +
        "mov.b32 qoff, qws;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 12288;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_NOISSUE:\n" +
        "cp.async.commit_group;\n" +
        "add.u32 qy, qbase, qrs;\n" +
        "add.u32 qx, qy, qal;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qa0,qa1,qa2,qa3}, [qx];\n" +
        "add.u32 qd, qx, 1024;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qa4,qa5,qa6,qa7}, [qd];\n" +
        "add.u32 qd, qx, 2048;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qa8,qa9,qa10,qa11}, [qd];\n" +
        "add.u32 qd, qx, 3072;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qa12,qa13,qa14,qa15}, [qd];\n" +
        "add.u32 qx, qy, qbl;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qb0,qb1,qb2,qb3}, [qx];\n" +
        "add.u32 qd, qx, 1024;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qb4,qb5,qb6,qb7}, [qd];\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q0,q1,q2,q3}, {qa0,qa1,qa2,qa3}, {qb0,qb1}, {q0,q1,q2,q3};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q4,q5,q6,q7}, {qa0,qa1,qa2,qa3}, {qb2,qb3}, {q4,q5,q6,q7};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q8,q9,q10,q11}, {qa0,qa1,qa2,qa3}, {qb4,qb5}, {q8,q9,q10,q11};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q12,q13,q14,q15}, {qa0,qa1,qa2,qa3}, {qb6,qb7}, {q12,q13,q14,q15};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q16,q17,q18,q19}, {qa4,qa5,qa6,qa7}, {qb0,qb1}, {q16,q17,q18,q19};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q20,q21,q22,q23}, {qa4,qa5,qa6,qa7}, {qb2,qb3}, {q20,q21,q22,q23};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q24,q25,q26,q27}, {qa4,qa5,qa6,qa7}, {qb4,qb5}, {q24,q25,q26,q27};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q28,q29,q30,q31}, {qa4,qa5,qa6,qa7}, {qb6,qb7}, {q28,q29,q30,q31};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q32,q33,q34,q35}, {qa8,qa9,qa10,qa11}, {qb0,qb1}, {q32,q33,q34,q35};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q36,q37,q38,q39}, {qa8,qa9,qa10,qa11}, {qb2,qb3}, {q36,q37,q38,q39};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q40,q41,q42,q43}, {qa8,qa9,qa10,qa11}, {qb4,qb5}, {q40,q41,q42,q43};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q44,q45,q46,q47}, {qa8,qa9,qa10,qa11}, {qb6,qb7}, {q44,q45,q46,q47};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q48,q49,q50,q51}, {qa12,qa13,qa14,qa15}, {qb0,qb1}, {q48,q49,q50,q51};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q52,q53,q54,q55}, {qa12,qa13,qa14,qa15}, {qb2,qb3}, {q52,q53,q54,q55};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q56,q57,q58,q59}, {qa12,qa13,qa14,qa15}, {qb4,qb5}, {q56,q57,q58,q59};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q60,q61,q62,q63}, {qa12,qa13,qa14,qa15}, {qb6,qb7}, {q60,q61,q62,q63};\n" +
        "add.u32 qx, qy, qal1;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qa0,qa1,qa2,qa3}, [qx];\n" +
        "add.u32 qd, qx, 1024;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qa4,qa5,qa6,qa7}, [qd];\n" +
        "add.u32 qd, qx, 2048;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qa8,qa9,qa10,qa11}, [qd];\n" +
        "add.u32 qd, qx, 3072;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qa12,qa13,qa14,qa15}, [qd];\n" +
        "add.u32 qx, qy, qbl1;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qb0,qb1,qb2,qb3}, [qx];\n" +
        "add.u32 qd, qx, 1024;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qb4,qb5,qb6,qb7}, [qd];\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q0,q1,q2,q3}, {qa0,qa1,qa2,qa3}, {qb0,qb1}, {q0,q1,q2,q3};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q4,q5,q6,q7}, {qa0,qa1,qa2,qa3}, {qb2,qb3}, {q4,q5,q6,q7};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q8,q9,q10,q11}, {qa0,qa1,qa2,qa3}, {qb4,qb5}, {q8,q9,q10,q11};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q12,q13,q14,q15}, {qa0,qa1,qa2,qa3}, {qb6,qb7}, {q12,q13,q14,q15};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q16,q17,q18,q19}, {qa4,qa5,qa6,qa7}, {qb0,qb1}, {q16,q17,q18,q19};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q20,q21,q22,q23}, {qa4,qa5,qa6,qa7}, {qb2,qb3}, {q20,q21,q22,q23};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q24,q25,q26,q27}, {qa4,qa5,qa6,qa7}, {qb4,qb5}, {q24,q25,q26,q27};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q28,q29,q30,q31}, {qa4,qa5,qa6,qa7}, {qb6,qb7}, {q28,q29,q30,q31};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q32,q33,q34,q35}, {qa8,qa9,qa10,qa11}, {qb0,qb1}, {q32,q33,q34,q35};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q36,q37,q38,q39}, {qa8,qa9,qa10,qa11}, {qb2,qb3}, {q36,q37,q38,q39};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q40,q41,q42,q43}, {qa8,qa9,qa10,qa11}, {qb4,qb5}, {q40,q41,q42,q43};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q44,q45,q46,q47}, {qa8,qa9,qa10,qa11}, {qb6,qb7}, {q44,q45,q46,q47};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q48,q49,q50,q51}, {qa12,qa13,qa14,qa15}, {qb0,qb1}, {q48,q49,q50,q51};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q52,q53,q54,q55}, {qa12,qa13,qa14,qa15}, {qb2,qb3}, {q52,q53,q54,q55};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q56,q57,q58,q59}, {qa12,qa13,qa14,qa15}, {qb4,qb5}, {q56,q57,q58,q59};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q60,q61,q62,q63}, {qa12,qa13,qa14,qa15}, {qb6,qb7}, {q60,q61,q62,q63};\n" +
        "add.s32 qrs, qrs, 16384;\n" +
        "setp.eq.s32 qp, qrs, 49152;\n" +
        "@qp mov.b32 qrs, 0;\n" +
        "add.s32 qws, qws, 16384;\n" +
        "setp.eq.s32 qp, qws, 49152;\n" +
        "@qp mov.b32 qws, 0;\n" +
        "add.s32 qkt, qkt, 1;\n" +
        "bra.uni QMMA_LOOP;\n" +
        "QMMA_DONE:\n" +
        "cp.async.wait_all;\n" +
        "mov.b64 %0, {q0,q1};\n" +
        "mov.b64 %1, {q2,q3};\n" +
        "mov.b64 %2, {q4,q5};\n" +
        "mov.b64 %3, {q6,q7};\n" +
        "mov.b64 %4, {q8,q9};\n" +
        "mov.b64 %5, {q10,q11};\n" +
        "mov.b64 %6, {q12,q13};\n" +
        "mov.b64 %7, {q14,q15};\n" +
        "mov.b64 %8, {q16,q17};\n" +
        "mov.b64 %9, {q18,q19};\n" +
        "mov.b64 %10, {q20,q21};\n" +
        "mov.b64 %11, {q22,q23};\n" +
        "mov.b64 %12, {q24,q25};\n" +
        "mov.b64 %13, {q26,q27};\n" +
        "mov.b64 %14, {q28,q29};\n" +
        "mov.b64 %15, {q30,q31};\n" +
        "mov.b64 %16, {q32,q33};\n" +
        "mov.b64 %17, {q34,q35};\n" +
        "mov.b64 %18, {q36,q37};\n" +
        "mov.b64 %19, {q38,q39};\n" +
        "mov.b64 %20, {q40,q41};\n" +
        "mov.b64 %21, {q42,q43};\n" +
        "mov.b64 %22, {q44,q45};\n" +
        "mov.b64 %23, {q46,q47};\n" +
        "mov.b64 %24, {q48,q49};\n" +
        "mov.b64 %25, {q50,q51};\n" +
        "mov.b64 %26, {q52,q53};\n" +
        "mov.b64 %27, {q54,q55};\n" +
        "mov.b64 %28, {q56,q57};\n" +
        "mov.b64 %29, {q58,q59};\n" +
        "mov.b64 %30, {q60,q61};\n" +
        "mov.b64 %31, {q62,q63};\n" +
        "}\n";

    /// <summary>The 128 × 128 tile: 8 warps of 64 × 32 (4 × 4 fragments), K staged 64 codes at a time, 3 stages.</summary>
    /// <typeparam name="TEpilogue">Turns each int32 sum into the stored output.</typeparam>
    /// <param name="operands">The packed codes, their addresses and the shape.</param>
    /// <param name="epilogue">Prepared once per block, then called once per pair of adjacent outputs inside [rows × cols].</param>
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

        int tid = Group.IdxX;
        int warp = tid >> 5;
        int lane = tid & 31;
        int g = lane >> 2;
        int t = lane & 3;
        // Blocks run in launch order: take them in groups of operands.GroupRows row bands, column by column inside a group, so
        // the tiles resident at once read a few bands of A and a slice of B that stay in L2 (row-major order streams
        // all of B for every band).
        int block = (Grid.IdxY * Grid.DimX) + Grid.IdxX;
        int groupRows = IntrinsicMath.Max(operands.GroupRows, 1);
        int blocksPerGroup = groupRows * Grid.DimX;
        int firstBand = (block / blocksPerGroup) * groupRows;
        int bands = IntrinsicMath.Min(Grid.DimY - firstBand, groupRows);
        int inGroup = block - ((block / blocksPerGroup) * blocksPerGroup);
        int row0 = (firstBand + (inGroup % bands)) * 128;
        int col0 = (inGroup / bands) * 128;
        int warpRow = (warp / 4) * 64;
        int warpCol = (warp % 4) * 32;
        int kTiles = (words + 15) / 16;

        // A K split (grid Z > 1, for grids with fewer tiles than SMs): this block multiplies k tiles [kFirst, kEnd) only.
        int kPerSplit = Int8MmaGemm.KTilesPerSplit(kTiles, Grid.DimZ);
        int kFirst = Grid.IdxZ * kPerSplit;
        int kEnd = IntrinsicMath.Min(kFirst + kPerSplit, kTiles);

        // Copy assignment: chunk i of a stage is row tid / 4 + 64·i (of A, then of B), 16-byte chunk tid % 4.
        int loadRow = tid / 4;
        int loadChunk = tid % 4;
        int loadShared = (loadRow * 64) + ((loadChunk ^ ((loadRow >> 1) & 3)) * 16);
        int rowsIn = 0;
        rowsIn |= row0 + loadRow < rows ? 1 : 0;
        rowsIn |= row0 + loadRow + 64 < rows ? 2 : 0;
        rowsIn |= col0 + loadRow < cols ? 4 : 0;
        rowsIn |= col0 + loadRow + 64 < cols ? 8 : 0;

        // ldmatrix row addresses of this lane (byte offsets inside a stage, K step 0; step 1 flips bit 5).
        int aLaneRow = warpRow + (lane & 15);
        int aLane = (aLaneRow * 64) + (((lane >> 4) ^ ((aLaneRow >> 1) & 3)) * 16);
        int bLaneRow = warpCol + (lane & 7) + ((lane >> 4) << 3);
        int bLane = 8192 + (bLaneRow * 64) + ((((lane >> 3) & 1) ^ ((bLaneRow >> 1) & 3)) * 16);
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

        if (CudaAsm.IsSupported)
        {
            Output<long> o0 = default;
            Output<long> o1 = default;
            Output<long> o2 = default;
            Output<long> o3 = default;
            Output<long> o4 = default;
            Output<long> o5 = default;
            Output<long> o6 = default;
            Output<long> o7 = default;
            Output<long> o8 = default;
            Output<long> o9 = default;
            Output<long> o10 = default;
            Output<long> o11 = default;
            Output<long> o12 = default;
            Output<long> o13 = default;
            Output<long> o14 = default;
            Output<long> o15 = default;
            Output<long> o16 = default;
            Output<long> o17 = default;
            Output<long> o18 = default;
            Output<long> o19 = default;
            Output<long> o20 = default;
            Output<long> o21 = default;
            Output<long> o22 = default;
            Output<long> o23 = default;
            Output<long> o24 = default;
            Output<long> o25 = default;
            Output<long> o26 = default;
            Output<long> o27 = default;
            Output<long> o28 = default;
            Output<long> o29 = default;
            Output<long> o30 = default;
            Output<long> o31 = default;
            Input<long> aRow = operands.AAddress + ((((long)row0 + loadRow) * words) * 4) + (kFirst * 64) + (loadChunk * 16);
            Input<long> bRow = operands.BAddress + ((((long)col0 + loadRow) * words) * 4) + (kFirst * 64) + (loadChunk * 16);
            Input<long> rowBytes = (long)words * 4;
            Input<long> fallback = operands.AAddress;
            int sharedBase = Int8MmaAsync.SharedBase();
            Input<int> sharedLoad = sharedBase + loadShared;
            Input<int> inside = rowsIn;
            Input<int> kLimit = (words * 4) - (kFirst * 64) - (loadChunk * 16);
            Input<int> tiles = kEnd - kFirst;
            Input<int> aLdm = aLane;
            Input<int> bLdm = bLane;
            Input<int> stageBase = sharedBase;
            CudaAsm.EmitRef(
                MainLoopRows128Cols128,
                ref o0,
                ref o1,
                ref o2,
                ref o3,
                ref o4,
                ref o5,
                ref o6,
                ref o7,
                ref o8,
                ref o9,
                ref o10,
                ref o11,
                ref o12,
                ref o13,
                ref o14,
                ref o15,
                ref o16,
                ref o17,
                ref o18,
                ref o19,
                ref o20,
                ref o21,
                ref o22,
                ref o23,
                ref o24,
                ref o25,
                ref o26,
                ref o27,
                ref o28,
                ref o29,
                ref o30,
                ref o31,
                ref aRow,
                ref bRow,
                ref rowBytes,
                ref fallback,
                ref sharedLoad,
                ref inside,
                ref kLimit,
                ref tiles,
                ref aLdm,
                ref bLdm,
                ref stageBase);
            c000 = (int)o0.Value;
            c001 = (int)(o0.Value >> 32);
            c002 = (int)o1.Value;
            c003 = (int)(o1.Value >> 32);
            c010 = (int)o2.Value;
            c011 = (int)(o2.Value >> 32);
            c012 = (int)o3.Value;
            c013 = (int)(o3.Value >> 32);
            c020 = (int)o4.Value;
            c021 = (int)(o4.Value >> 32);
            c022 = (int)o5.Value;
            c023 = (int)(o5.Value >> 32);
            c030 = (int)o6.Value;
            c031 = (int)(o6.Value >> 32);
            c032 = (int)o7.Value;
            c033 = (int)(o7.Value >> 32);
            c100 = (int)o8.Value;
            c101 = (int)(o8.Value >> 32);
            c102 = (int)o9.Value;
            c103 = (int)(o9.Value >> 32);
            c110 = (int)o10.Value;
            c111 = (int)(o10.Value >> 32);
            c112 = (int)o11.Value;
            c113 = (int)(o11.Value >> 32);
            c120 = (int)o12.Value;
            c121 = (int)(o12.Value >> 32);
            c122 = (int)o13.Value;
            c123 = (int)(o13.Value >> 32);
            c130 = (int)o14.Value;
            c131 = (int)(o14.Value >> 32);
            c132 = (int)o15.Value;
            c133 = (int)(o15.Value >> 32);
            c200 = (int)o16.Value;
            c201 = (int)(o16.Value >> 32);
            c202 = (int)o17.Value;
            c203 = (int)(o17.Value >> 32);
            c210 = (int)o18.Value;
            c211 = (int)(o18.Value >> 32);
            c212 = (int)o19.Value;
            c213 = (int)(o19.Value >> 32);
            c220 = (int)o20.Value;
            c221 = (int)(o20.Value >> 32);
            c222 = (int)o21.Value;
            c223 = (int)(o21.Value >> 32);
            c230 = (int)o22.Value;
            c231 = (int)(o22.Value >> 32);
            c232 = (int)o23.Value;
            c233 = (int)(o23.Value >> 32);
            c300 = (int)o24.Value;
            c301 = (int)(o24.Value >> 32);
            c302 = (int)o25.Value;
            c303 = (int)(o25.Value >> 32);
            c310 = (int)o26.Value;
            c311 = (int)(o26.Value >> 32);
            c312 = (int)o27.Value;
            c313 = (int)(o27.Value >> 32);
            c320 = (int)o28.Value;
            c321 = (int)(o28.Value >> 32);
            c322 = (int)o29.Value;
            c323 = (int)(o29.Value >> 32);
            c330 = (int)o30.Value;
            c331 = (int)(o30.Value >> 32);
            c332 = (int)o31.Value;
            c333 = (int)(o31.Value >> 32);
        }
        else
        {
            // Managed twin: the same ring, swizzle and fragment layout, one stage at a time (copies are synchronous).
            for (int kt = kFirst; kt < kEnd; kt++)
            {
                int kw = kt * 16;
                int sb = (kt % 3) * 16384;
                Int8MmaAsync.CopyChunk(tile, sb + loadShared, operands.A, ((long)(row0 + loadRow) * words) + kw + (loadChunk * 4), (rowsIn & 1) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 4096, operands.A, ((long)(row0 + loadRow + 64) * words) + kw + (loadChunk * 4), (rowsIn & 2) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 8192, operands.B, ((long)(col0 + loadRow) * words) + kw + (loadChunk * 4), (rowsIn & 4) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 12288, operands.B, ((long)(col0 + loadRow + 64) * words) + kw + (loadChunk * 4), (rowsIn & 8) != 0 && kw + (loadChunk * 4) < words);
                Group.Barrier();
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane), out int s0a00, out int s0a01, out int s0a02, out int s0a03);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane) + 1024, out int s0a10, out int s0a11, out int s0a12, out int s0a13);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane) + 2048, out int s0a20, out int s0a21, out int s0a22, out int s0a23);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane) + 3072, out int s0a30, out int s0a31, out int s0a32, out int s0a33);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane), out int s0b00, out int s0b01, out int s0b10, out int s0b11);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 1024, out int s0b20, out int s0b21, out int s0b30, out int s0b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c000, ref c001, ref c002, ref c003, s0a00, s0a01, s0a02, s0a03, s0b00, s0b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c010, ref c011, ref c012, ref c013, s0a00, s0a01, s0a02, s0a03, s0b10, s0b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c020, ref c021, ref c022, ref c023, s0a00, s0a01, s0a02, s0a03, s0b20, s0b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c030, ref c031, ref c032, ref c033, s0a00, s0a01, s0a02, s0a03, s0b30, s0b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c100, ref c101, ref c102, ref c103, s0a10, s0a11, s0a12, s0a13, s0b00, s0b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c110, ref c111, ref c112, ref c113, s0a10, s0a11, s0a12, s0a13, s0b10, s0b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c120, ref c121, ref c122, ref c123, s0a10, s0a11, s0a12, s0a13, s0b20, s0b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c130, ref c131, ref c132, ref c133, s0a10, s0a11, s0a12, s0a13, s0b30, s0b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c200, ref c201, ref c202, ref c203, s0a20, s0a21, s0a22, s0a23, s0b00, s0b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c210, ref c211, ref c212, ref c213, s0a20, s0a21, s0a22, s0a23, s0b10, s0b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c220, ref c221, ref c222, ref c223, s0a20, s0a21, s0a22, s0a23, s0b20, s0b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c230, ref c231, ref c232, ref c233, s0a20, s0a21, s0a22, s0a23, s0b30, s0b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c300, ref c301, ref c302, ref c303, s0a30, s0a31, s0a32, s0a33, s0b00, s0b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c310, ref c311, ref c312, ref c313, s0a30, s0a31, s0a32, s0a33, s0b10, s0b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c320, ref c321, ref c322, ref c323, s0a30, s0a31, s0a32, s0a33, s0b20, s0b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c330, ref c331, ref c332, ref c333, s0a30, s0a31, s0a32, s0a33, s0b30, s0b31);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane ^ 32), out int s1a00, out int s1a01, out int s1a02, out int s1a03);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane ^ 32) + 1024, out int s1a10, out int s1a11, out int s1a12, out int s1a13);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane ^ 32) + 2048, out int s1a20, out int s1a21, out int s1a22, out int s1a23);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane ^ 32) + 3072, out int s1a30, out int s1a31, out int s1a32, out int s1a33);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32), out int s1b00, out int s1b01, out int s1b10, out int s1b11);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 1024, out int s1b20, out int s1b21, out int s1b30, out int s1b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c000, ref c001, ref c002, ref c003, s1a00, s1a01, s1a02, s1a03, s1b00, s1b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c010, ref c011, ref c012, ref c013, s1a00, s1a01, s1a02, s1a03, s1b10, s1b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c020, ref c021, ref c022, ref c023, s1a00, s1a01, s1a02, s1a03, s1b20, s1b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c030, ref c031, ref c032, ref c033, s1a00, s1a01, s1a02, s1a03, s1b30, s1b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c100, ref c101, ref c102, ref c103, s1a10, s1a11, s1a12, s1a13, s1b00, s1b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c110, ref c111, ref c112, ref c113, s1a10, s1a11, s1a12, s1a13, s1b10, s1b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c120, ref c121, ref c122, ref c123, s1a10, s1a11, s1a12, s1a13, s1b20, s1b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c130, ref c131, ref c132, ref c133, s1a10, s1a11, s1a12, s1a13, s1b30, s1b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c200, ref c201, ref c202, ref c203, s1a20, s1a21, s1a22, s1a23, s1b00, s1b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c210, ref c211, ref c212, ref c213, s1a20, s1a21, s1a22, s1a23, s1b10, s1b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c220, ref c221, ref c222, ref c223, s1a20, s1a21, s1a22, s1a23, s1b20, s1b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c230, ref c231, ref c232, ref c233, s1a20, s1a21, s1a22, s1a23, s1b30, s1b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c300, ref c301, ref c302, ref c303, s1a30, s1a31, s1a32, s1a33, s1b00, s1b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c310, ref c311, ref c312, ref c313, s1a30, s1a31, s1a32, s1a33, s1b10, s1b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c320, ref c321, ref c322, ref c323, s1a30, s1a31, s1a32, s1a33, s1b20, s1b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c330, ref c331, ref c332, ref c333, s1a30, s1a31, s1a32, s1a33, s1b30, s1b31);
                Group.Barrier();
            }
        }


        int rowBase = row0 + warpRow + g;
        int colBase = col0 + warpCol + (2 * t);
        if (Grid.DimZ > 1)
        {
            // The sums are partial: add them into the workspace. The tile's last block to finish takes the totals (leaving
            // the workspace zero) and runs the epilogue; the others are done.
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c000, c001, c002, c003, rowBase, colBase);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c010, c011, c012, c013, rowBase, colBase + 8);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c020, c021, c022, c023, rowBase, colBase + 16);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c030, c031, c032, c033, rowBase, colBase + 24);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c100, c101, c102, c103, rowBase + 16, colBase);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c110, c111, c112, c113, rowBase + 16, colBase + 8);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c120, c121, c122, c123, rowBase + 16, colBase + 16);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c130, c131, c132, c133, rowBase + 16, colBase + 24);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c200, c201, c202, c203, rowBase + 32, colBase);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c210, c211, c212, c213, rowBase + 32, colBase + 8);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c220, c221, c222, c223, rowBase + 32, colBase + 16);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c230, c231, c232, c233, rowBase + 32, colBase + 24);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c300, c301, c302, c303, rowBase + 48, colBase);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c310, c311, c312, c313, rowBase + 48, colBase + 8);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c320, c321, c322, c323, rowBase + 48, colBase + 16);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c330, c331, c332, c333, rowBase + 48, colBase + 24);
            if (!Int8SplitK.IsLastOfTile(operands.SplitTickets, tile, block))
            {
                return;
            }

            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c000, ref c001, ref c002, ref c003, rowBase, colBase);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c010, ref c011, ref c012, ref c013, rowBase, colBase + 8);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c020, ref c021, ref c022, ref c023, rowBase, colBase + 16);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c030, ref c031, ref c032, ref c033, rowBase, colBase + 24);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c100, ref c101, ref c102, ref c103, rowBase + 16, colBase);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c110, ref c111, ref c112, ref c113, rowBase + 16, colBase + 8);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c120, ref c121, ref c122, ref c123, rowBase + 16, colBase + 16);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c130, ref c131, ref c132, ref c133, rowBase + 16, colBase + 24);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c200, ref c201, ref c202, ref c203, rowBase + 32, colBase);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c210, ref c211, ref c212, ref c213, rowBase + 32, colBase + 8);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c220, ref c221, ref c222, ref c223, rowBase + 32, colBase + 16);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c230, ref c231, ref c232, ref c233, rowBase + 32, colBase + 24);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c300, ref c301, ref c302, ref c303, rowBase + 48, colBase);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c310, ref c311, ref c312, ref c313, rowBase + 48, colBase + 8);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c320, ref c321, ref c322, ref c323, rowBase + 48, colBase + 16);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c330, ref c331, ref c332, ref c333, rowBase + 48, colBase + 24);
        }

        // The ring is free now: the epilogue may stage what the tile's outputs read (scales, outlier columns).
        epilogue.Prepare(tile, row0, col0, 128, 128, rows, cols);
        StoreQuad(epilogue, c000, c001, c002, c003, rowBase, colBase, rows, cols);
        StoreQuad(epilogue, c010, c011, c012, c013, rowBase, colBase + 8, rows, cols);
        StoreQuad(epilogue, c020, c021, c022, c023, rowBase, colBase + 16, rows, cols);
        StoreQuad(epilogue, c030, c031, c032, c033, rowBase, colBase + 24, rows, cols);
        StoreQuad(epilogue, c100, c101, c102, c103, rowBase + 16, colBase, rows, cols);
        StoreQuad(epilogue, c110, c111, c112, c113, rowBase + 16, colBase + 8, rows, cols);
        StoreQuad(epilogue, c120, c121, c122, c123, rowBase + 16, colBase + 16, rows, cols);
        StoreQuad(epilogue, c130, c131, c132, c133, rowBase + 16, colBase + 24, rows, cols);
        StoreQuad(epilogue, c200, c201, c202, c203, rowBase + 32, colBase, rows, cols);
        StoreQuad(epilogue, c210, c211, c212, c213, rowBase + 32, colBase + 8, rows, cols);
        StoreQuad(epilogue, c220, c221, c222, c223, rowBase + 32, colBase + 16, rows, cols);
        StoreQuad(epilogue, c230, c231, c232, c233, rowBase + 32, colBase + 24, rows, cols);
        StoreQuad(epilogue, c300, c301, c302, c303, rowBase + 48, colBase, rows, cols);
        StoreQuad(epilogue, c310, c311, c312, c313, rowBase + 48, colBase + 8, rows, cols);
        StoreQuad(epilogue, c320, c321, c322, c323, rowBase + 48, colBase + 16, rows, cols);
        StoreQuad(epilogue, c330, c331, c332, c333, rowBase + 48, colBase + 24, rows, cols);
    }

    private const string MainLoopRows64Cols128 =
        "{\n" +
        ".reg .pred qp, qv, qc;\n" +
        ".reg .b32 q<64>;\n" +
        ".reg .b32 qa<8>;\n" +
        ".reg .b32 qb<16>;\n" +
        ".reg .b32 qkt, qn, qrs, qws, qsz, qt, qx, qd, qdst, qok, qsw, qkl, qal, qbl, qal1, qbl1, qbase, qoff, qbit, qy;\n" +
        ".reg .b64 qga, qgb, qstep, qfb, qxb, qsrc, qrow;\n" +
        "mov.b64 qga, %32;\n" +
        "mov.b64 qgb, %33;\n" +
        "mov.b64 qstep, %34;\n" +
        "mov.b64 qfb, %35;\n" +
        "mov.b32 qsw, %36;\n" +
        "mov.b32 qok, %37;\n" +
        "mov.b32 qkl, %38;\n" +
        "mov.b32 qn, %39;\n" +
        "mov.b32 qal, %40;\n" +
        "mov.b32 qbl, %41;\n" +
        "mov.b32 qbase, %42;\n" +
        "xor.b32 qal1, qal, 32;\n" +
        "xor.b32 qbl1, qbl, 32;\n" +
        "mov.b32 q0, 0;\n" +
        "mov.b32 q1, 0;\n" +
        "mov.b32 q2, 0;\n" +
        "mov.b32 q3, 0;\n" +
        "mov.b32 q4, 0;\n" +
        "mov.b32 q5, 0;\n" +
        "mov.b32 q6, 0;\n" +
        "mov.b32 q7, 0;\n" +
        "mov.b32 q8, 0;\n" +
        "mov.b32 q9, 0;\n" +
        "mov.b32 q10, 0;\n" +
        "mov.b32 q11, 0;\n" +
        "mov.b32 q12, 0;\n" +
        "mov.b32 q13, 0;\n" +
        "mov.b32 q14, 0;\n" +
        "mov.b32 q15, 0;\n" +
        "mov.b32 q16, 0;\n" +
        "mov.b32 q17, 0;\n" +
        "mov.b32 q18, 0;\n" +
        "mov.b32 q19, 0;\n" +
        "mov.b32 q20, 0;\n" +
        "mov.b32 q21, 0;\n" +
        "mov.b32 q22, 0;\n" +
        "mov.b32 q23, 0;\n" +
        "mov.b32 q24, 0;\n" +
        "mov.b32 q25, 0;\n" +
        "mov.b32 q26, 0;\n" +
        "mov.b32 q27, 0;\n" +
        "mov.b32 q28, 0;\n" +
        "mov.b32 q29, 0;\n" +
        "mov.b32 q30, 0;\n" +
        "mov.b32 q31, 0;\n" +
        "mov.b32 q32, 0;\n" +
        "mov.b32 q33, 0;\n" +
        "mov.b32 q34, 0;\n" +
        "mov.b32 q35, 0;\n" +
        "mov.b32 q36, 0;\n" +
        "mov.b32 q37, 0;\n" +
        "mov.b32 q38, 0;\n" +
        "mov.b32 q39, 0;\n" +
        "mov.b32 q40, 0;\n" +
        "mov.b32 q41, 0;\n" +
        "mov.b32 q42, 0;\n" +
        "mov.b32 q43, 0;\n" +
        "mov.b32 q44, 0;\n" +
        "mov.b32 q45, 0;\n" +
        "mov.b32 q46, 0;\n" +
        "mov.b32 q47, 0;\n" +
        "mov.b32 q48, 0;\n" +
        "mov.b32 q49, 0;\n" +
        "mov.b32 q50, 0;\n" +
        "mov.b32 q51, 0;\n" +
        "mov.b32 q52, 0;\n" +
        "mov.b32 q53, 0;\n" +
        "mov.b32 q54, 0;\n" +
        "mov.b32 q55, 0;\n" +
        "mov.b32 q56, 0;\n" +
        "mov.b32 q57, 0;\n" +
        "mov.b32 q58, 0;\n" +
        "mov.b32 q59, 0;\n" +
        "mov.b32 q60, 0;\n" +
        "mov.b32 q61, 0;\n" +
        "mov.b32 q62, 0;\n" +
        "mov.b32 q63, 0;\n" +
        "setp.le.s32 qp, qn, 0;\n" +
        "@qp bra QMMA_SKIP0;\n" +
        "mov.b32 qt, 0;\n" +
        "mov.b32 qoff, 0;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 2048;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 6144;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 96;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 10240;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP0:\n" +
        "cp.async.commit_group;\n" +
        "setp.le.s32 qp, qn, 1;\n" +
        "@qp bra QMMA_SKIP1;\n" +
        "mov.b32 qt, 1;\n" +
        "mov.b32 qoff, 12288;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 2048;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 6144;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 96;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 10240;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP1:\n" +
        "cp.async.commit_group;\n" +
        "setp.le.s32 qp, qn, 2;\n" +
        "@qp bra QMMA_SKIP2;\n" +
        "mov.b32 qt, 2;\n" +
        "mov.b32 qoff, 24576;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 2048;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 6144;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 96;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 10240;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP2:\n" +
        "cp.async.commit_group;\n" +
        "mov.b32 qkt, 0;\n" +
        "mov.b32 qrs, 0;\n" +
        "mov.b32 qws, 36864;\n" +
        "QMMA_LOOP:\n" +
        "setp.ge.s32 qp, qkt, qn;\n" +
        "@qp bra QMMA_DONE;\n" +
        "cp.async.wait_group 2;\n" +
        "bar.sync 0;\n" +
        "add.s32 qt, qkt, 3;\n" +
        "setp.ge.s32 qp, qt, qn;\n" +
        "@qp bra QMMA_NOISSUE;\n" +
        "mov.b32 qoff, qws;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 2048;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 6144;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 96;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 10240;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_NOISSUE:\n" +
        "cp.async.commit_group;\n" +
        "add.u32 qy, qbase, qrs;\n" +
        "add.u32 qx, qy, qal;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qa0,qa1,qa2,qa3}, [qx];\n" +
        "add.u32 qd, qx, 1024;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qa4,qa5,qa6,qa7}, [qd];\n" +
        "add.u32 qx, qy, qbl;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qb0,qb1,qb2,qb3}, [qx];\n" +
        "add.u32 qd, qx, 1024;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qb4,qb5,qb6,qb7}, [qd];\n" +
        "add.u32 qd, qx, 2048;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qb8,qb9,qb10,qb11}, [qd];\n" +
        "add.u32 qd, qx, 3072;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qb12,qb13,qb14,qb15}, [qd];\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q0,q1,q2,q3}, {qa0,qa1,qa2,qa3}, {qb0,qb1}, {q0,q1,q2,q3};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q4,q5,q6,q7}, {qa0,qa1,qa2,qa3}, {qb2,qb3}, {q4,q5,q6,q7};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q8,q9,q10,q11}, {qa0,qa1,qa2,qa3}, {qb4,qb5}, {q8,q9,q10,q11};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q12,q13,q14,q15}, {qa0,qa1,qa2,qa3}, {qb6,qb7}, {q12,q13,q14,q15};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q16,q17,q18,q19}, {qa0,qa1,qa2,qa3}, {qb8,qb9}, {q16,q17,q18,q19};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q20,q21,q22,q23}, {qa0,qa1,qa2,qa3}, {qb10,qb11}, {q20,q21,q22,q23};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q24,q25,q26,q27}, {qa0,qa1,qa2,qa3}, {qb12,qb13}, {q24,q25,q26,q27};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q28,q29,q30,q31}, {qa0,qa1,qa2,qa3}, {qb14,qb15}, {q28,q29,q30,q31};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q32,q33,q34,q35}, {qa4,qa5,qa6,qa7}, {qb0,qb1}, {q32,q33,q34,q35};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q36,q37,q38,q39}, {qa4,qa5,qa6,qa7}, {qb2,qb3}, {q36,q37,q38,q39};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q40,q41,q42,q43}, {qa4,qa5,qa6,qa7}, {qb4,qb5}, {q40,q41,q42,q43};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q44,q45,q46,q47}, {qa4,qa5,qa6,qa7}, {qb6,qb7}, {q44,q45,q46,q47};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q48,q49,q50,q51}, {qa4,qa5,qa6,qa7}, {qb8,qb9}, {q48,q49,q50,q51};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q52,q53,q54,q55}, {qa4,qa5,qa6,qa7}, {qb10,qb11}, {q52,q53,q54,q55};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q56,q57,q58,q59}, {qa4,qa5,qa6,qa7}, {qb12,qb13}, {q56,q57,q58,q59};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q60,q61,q62,q63}, {qa4,qa5,qa6,qa7}, {qb14,qb15}, {q60,q61,q62,q63};\n" +
        "add.u32 qx, qy, qal1;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qa0,qa1,qa2,qa3}, [qx];\n" +
        "add.u32 qd, qx, 1024;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qa4,qa5,qa6,qa7}, [qd];\n" +
        "add.u32 qx, qy, qbl1;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qb0,qb1,qb2,qb3}, [qx];\n" +
        "add.u32 qd, qx, 1024;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qb4,qb5,qb6,qb7}, [qd];\n" +
        "add.u32 qd, qx, 2048;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qb8,qb9,qb10,qb11}, [qd];\n" +
        "add.u32 qd, qx, 3072;\n" +
        "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {qb12,qb13,qb14,qb15}, [qd];\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q0,q1,q2,q3}, {qa0,qa1,qa2,qa3}, {qb0,qb1}, {q0,q1,q2,q3};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q4,q5,q6,q7}, {qa0,qa1,qa2,qa3}, {qb2,qb3}, {q4,q5,q6,q7};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q8,q9,q10,q11}, {qa0,qa1,qa2,qa3}, {qb4,qb5}, {q8,q9,q10,q11};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q12,q13,q14,q15}, {qa0,qa1,qa2,qa3}, {qb6,qb7}, {q12,q13,q14,q15};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q16,q17,q18,q19}, {qa0,qa1,qa2,qa3}, {qb8,qb9}, {q16,q17,q18,q19};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q20,q21,q22,q23}, {qa0,qa1,qa2,qa3}, {qb10,qb11}, {q20,q21,q22,q23};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q24,q25,q26,q27}, {qa0,qa1,qa2,qa3}, {qb12,qb13}, {q24,q25,q26,q27};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q28,q29,q30,q31}, {qa0,qa1,qa2,qa3}, {qb14,qb15}, {q28,q29,q30,q31};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q32,q33,q34,q35}, {qa4,qa5,qa6,qa7}, {qb0,qb1}, {q32,q33,q34,q35};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q36,q37,q38,q39}, {qa4,qa5,qa6,qa7}, {qb2,qb3}, {q36,q37,q38,q39};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q40,q41,q42,q43}, {qa4,qa5,qa6,qa7}, {qb4,qb5}, {q40,q41,q42,q43};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q44,q45,q46,q47}, {qa4,qa5,qa6,qa7}, {qb6,qb7}, {q44,q45,q46,q47};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q48,q49,q50,q51}, {qa4,qa5,qa6,qa7}, {qb8,qb9}, {q48,q49,q50,q51};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q52,q53,q54,q55}, {qa4,qa5,qa6,qa7}, {qb10,qb11}, {q52,q53,q54,q55};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q56,q57,q58,q59}, {qa4,qa5,qa6,qa7}, {qb12,qb13}, {q56,q57,q58,q59};\n" +
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {q60,q61,q62,q63}, {qa4,qa5,qa6,qa7}, {qb14,qb15}, {q60,q61,q62,q63};\n" +
        "add.s32 qrs, qrs, 12288;\n" +
        "setp.eq.s32 qp, qrs, 49152;\n" +
        "@qp mov.b32 qrs, 0;\n" +
        "add.s32 qws, qws, 12288;\n" +
        "setp.eq.s32 qp, qws, 49152;\n" +
        "@qp mov.b32 qws, 0;\n" +
        "add.s32 qkt, qkt, 1;\n" +
        "bra.uni QMMA_LOOP;\n" +
        "QMMA_DONE:\n" +
        "cp.async.wait_all;\n" +
        "mov.b64 %0, {q0,q1};\n" +
        "mov.b64 %1, {q2,q3};\n" +
        "mov.b64 %2, {q4,q5};\n" +
        "mov.b64 %3, {q6,q7};\n" +
        "mov.b64 %4, {q8,q9};\n" +
        "mov.b64 %5, {q10,q11};\n" +
        "mov.b64 %6, {q12,q13};\n" +
        "mov.b64 %7, {q14,q15};\n" +
        "mov.b64 %8, {q16,q17};\n" +
        "mov.b64 %9, {q18,q19};\n" +
        "mov.b64 %10, {q20,q21};\n" +
        "mov.b64 %11, {q22,q23};\n" +
        "mov.b64 %12, {q24,q25};\n" +
        "mov.b64 %13, {q26,q27};\n" +
        "mov.b64 %14, {q28,q29};\n" +
        "mov.b64 %15, {q30,q31};\n" +
        "mov.b64 %16, {q32,q33};\n" +
        "mov.b64 %17, {q34,q35};\n" +
        "mov.b64 %18, {q36,q37};\n" +
        "mov.b64 %19, {q38,q39};\n" +
        "mov.b64 %20, {q40,q41};\n" +
        "mov.b64 %21, {q42,q43};\n" +
        "mov.b64 %22, {q44,q45};\n" +
        "mov.b64 %23, {q46,q47};\n" +
        "mov.b64 %24, {q48,q49};\n" +
        "mov.b64 %25, {q50,q51};\n" +
        "mov.b64 %26, {q52,q53};\n" +
        "mov.b64 %27, {q54,q55};\n" +
        "mov.b64 %28, {q56,q57};\n" +
        "mov.b64 %29, {q58,q59};\n" +
        "mov.b64 %30, {q60,q61};\n" +
        "mov.b64 %31, {q62,q63};\n" +
        "}\n";

    /// <summary>The 64 × 128 tile: 4 warps of 32 × 64 (2 × 8 fragments), K staged 64 codes at a time, 4 stages.</summary>
    /// <typeparam name="TEpilogue">Turns each int32 sum into the stored output.</typeparam>
    /// <param name="operands">The packed codes, their addresses and the shape.</param>
    /// <param name="epilogue">Prepared once per block, then called once per pair of adjacent outputs inside [rows × cols].</param>
    public static void KernelRows64Cols128<TEpilogue>(Int8MmaOperands operands, TEpilogue epilogue)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        var tile = SharedMemory.Allocate<int>(12288);
        int rows = operands.Rows, cols = operands.Cols, words = operands.Words;
        if (words < 0)
        {
            // Never taken: on CUDA every access is inline PTX naming the allocation, and this use keeps it alive.
            tile[0] = words;
        }

        int tid = Group.IdxX;
        int warp = tid >> 5;
        int lane = tid & 31;
        int g = lane >> 2;
        int t = lane & 3;
        // Blocks run in launch order: take them in groups of operands.GroupRows row bands, column by column inside a group, so
        // the tiles resident at once read a few bands of A and a slice of B that stay in L2 (row-major order streams
        // all of B for every band).
        int block = (Grid.IdxY * Grid.DimX) + Grid.IdxX;
        int groupRows = IntrinsicMath.Max(operands.GroupRows, 1);
        int blocksPerGroup = groupRows * Grid.DimX;
        int firstBand = (block / blocksPerGroup) * groupRows;
        int bands = IntrinsicMath.Min(Grid.DimY - firstBand, groupRows);
        int inGroup = block - ((block / blocksPerGroup) * blocksPerGroup);
        int row0 = (firstBand + (inGroup % bands)) * 64;
        int col0 = (inGroup / bands) * 128;
        int warpRow = (warp / 2) * 32;
        int warpCol = (warp % 2) * 64;
        int kTiles = (words + 15) / 16;

        // A K split (grid Z > 1, for grids with fewer tiles than SMs): this block multiplies k tiles [kFirst, kEnd) only.
        int kPerSplit = Int8MmaGemm.KTilesPerSplit(kTiles, Grid.DimZ);
        int kFirst = Grid.IdxZ * kPerSplit;
        int kEnd = IntrinsicMath.Min(kFirst + kPerSplit, kTiles);

        // Copy assignment: chunk i of a stage is row tid / 4 + 32·i (of A, then of B), 16-byte chunk tid % 4.
        int loadRow = tid / 4;
        int loadChunk = tid % 4;
        int loadShared = (loadRow * 64) + ((loadChunk ^ ((loadRow >> 1) & 3)) * 16);
        int rowsIn = 0;
        rowsIn |= row0 + loadRow < rows ? 1 : 0;
        rowsIn |= row0 + loadRow + 32 < rows ? 2 : 0;
        rowsIn |= col0 + loadRow < cols ? 4 : 0;
        rowsIn |= col0 + loadRow + 32 < cols ? 8 : 0;
        rowsIn |= col0 + loadRow + 64 < cols ? 16 : 0;
        rowsIn |= col0 + loadRow + 96 < cols ? 32 : 0;

        // ldmatrix row addresses of this lane (byte offsets inside a stage, K step 0; step 1 flips bit 5).
        int aLaneRow = warpRow + (lane & 15);
        int aLane = (aLaneRow * 64) + (((lane >> 4) ^ ((aLaneRow >> 1) & 3)) * 16);
        int bLaneRow = warpCol + (lane & 7) + ((lane >> 4) << 3);
        int bLane = 4096 + (bLaneRow * 64) + ((((lane >> 3) & 1) ^ ((bLaneRow >> 1) & 3)) * 16);
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

        if (CudaAsm.IsSupported)
        {
            Output<long> o0 = default;
            Output<long> o1 = default;
            Output<long> o2 = default;
            Output<long> o3 = default;
            Output<long> o4 = default;
            Output<long> o5 = default;
            Output<long> o6 = default;
            Output<long> o7 = default;
            Output<long> o8 = default;
            Output<long> o9 = default;
            Output<long> o10 = default;
            Output<long> o11 = default;
            Output<long> o12 = default;
            Output<long> o13 = default;
            Output<long> o14 = default;
            Output<long> o15 = default;
            Output<long> o16 = default;
            Output<long> o17 = default;
            Output<long> o18 = default;
            Output<long> o19 = default;
            Output<long> o20 = default;
            Output<long> o21 = default;
            Output<long> o22 = default;
            Output<long> o23 = default;
            Output<long> o24 = default;
            Output<long> o25 = default;
            Output<long> o26 = default;
            Output<long> o27 = default;
            Output<long> o28 = default;
            Output<long> o29 = default;
            Output<long> o30 = default;
            Output<long> o31 = default;
            Input<long> aRow = operands.AAddress + ((((long)row0 + loadRow) * words) * 4) + (kFirst * 64) + (loadChunk * 16);
            Input<long> bRow = operands.BAddress + ((((long)col0 + loadRow) * words) * 4) + (kFirst * 64) + (loadChunk * 16);
            Input<long> rowBytes = (long)words * 4;
            Input<long> fallback = operands.AAddress;
            int sharedBase = Int8MmaAsync.SharedBase();
            Input<int> sharedLoad = sharedBase + loadShared;
            Input<int> inside = rowsIn;
            Input<int> kLimit = (words * 4) - (kFirst * 64) - (loadChunk * 16);
            Input<int> tiles = kEnd - kFirst;
            Input<int> aLdm = aLane;
            Input<int> bLdm = bLane;
            Input<int> stageBase = sharedBase;
            CudaAsm.EmitRef(
                MainLoopRows64Cols128,
                ref o0,
                ref o1,
                ref o2,
                ref o3,
                ref o4,
                ref o5,
                ref o6,
                ref o7,
                ref o8,
                ref o9,
                ref o10,
                ref o11,
                ref o12,
                ref o13,
                ref o14,
                ref o15,
                ref o16,
                ref o17,
                ref o18,
                ref o19,
                ref o20,
                ref o21,
                ref o22,
                ref o23,
                ref o24,
                ref o25,
                ref o26,
                ref o27,
                ref o28,
                ref o29,
                ref o30,
                ref o31,
                ref aRow,
                ref bRow,
                ref rowBytes,
                ref fallback,
                ref sharedLoad,
                ref inside,
                ref kLimit,
                ref tiles,
                ref aLdm,
                ref bLdm,
                ref stageBase);
            c000 = (int)o0.Value;
            c001 = (int)(o0.Value >> 32);
            c002 = (int)o1.Value;
            c003 = (int)(o1.Value >> 32);
            c010 = (int)o2.Value;
            c011 = (int)(o2.Value >> 32);
            c012 = (int)o3.Value;
            c013 = (int)(o3.Value >> 32);
            c020 = (int)o4.Value;
            c021 = (int)(o4.Value >> 32);
            c022 = (int)o5.Value;
            c023 = (int)(o5.Value >> 32);
            c030 = (int)o6.Value;
            c031 = (int)(o6.Value >> 32);
            c032 = (int)o7.Value;
            c033 = (int)(o7.Value >> 32);
            c040 = (int)o8.Value;
            c041 = (int)(o8.Value >> 32);
            c042 = (int)o9.Value;
            c043 = (int)(o9.Value >> 32);
            c050 = (int)o10.Value;
            c051 = (int)(o10.Value >> 32);
            c052 = (int)o11.Value;
            c053 = (int)(o11.Value >> 32);
            c060 = (int)o12.Value;
            c061 = (int)(o12.Value >> 32);
            c062 = (int)o13.Value;
            c063 = (int)(o13.Value >> 32);
            c070 = (int)o14.Value;
            c071 = (int)(o14.Value >> 32);
            c072 = (int)o15.Value;
            c073 = (int)(o15.Value >> 32);
            c100 = (int)o16.Value;
            c101 = (int)(o16.Value >> 32);
            c102 = (int)o17.Value;
            c103 = (int)(o17.Value >> 32);
            c110 = (int)o18.Value;
            c111 = (int)(o18.Value >> 32);
            c112 = (int)o19.Value;
            c113 = (int)(o19.Value >> 32);
            c120 = (int)o20.Value;
            c121 = (int)(o20.Value >> 32);
            c122 = (int)o21.Value;
            c123 = (int)(o21.Value >> 32);
            c130 = (int)o22.Value;
            c131 = (int)(o22.Value >> 32);
            c132 = (int)o23.Value;
            c133 = (int)(o23.Value >> 32);
            c140 = (int)o24.Value;
            c141 = (int)(o24.Value >> 32);
            c142 = (int)o25.Value;
            c143 = (int)(o25.Value >> 32);
            c150 = (int)o26.Value;
            c151 = (int)(o26.Value >> 32);
            c152 = (int)o27.Value;
            c153 = (int)(o27.Value >> 32);
            c160 = (int)o28.Value;
            c161 = (int)(o28.Value >> 32);
            c162 = (int)o29.Value;
            c163 = (int)(o29.Value >> 32);
            c170 = (int)o30.Value;
            c171 = (int)(o30.Value >> 32);
            c172 = (int)o31.Value;
            c173 = (int)(o31.Value >> 32);
        }
        else
        {
            // Managed twin: the same ring, swizzle and fragment layout, one stage at a time (copies are synchronous).
            for (int kt = kFirst; kt < kEnd; kt++)
            {
                int kw = kt * 16;
                int sb = (kt % 4) * 12288;
                Int8MmaAsync.CopyChunk(tile, sb + loadShared, operands.A, ((long)(row0 + loadRow) * words) + kw + (loadChunk * 4), (rowsIn & 1) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 2048, operands.A, ((long)(row0 + loadRow + 32) * words) + kw + (loadChunk * 4), (rowsIn & 2) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 4096, operands.B, ((long)(col0 + loadRow) * words) + kw + (loadChunk * 4), (rowsIn & 4) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 6144, operands.B, ((long)(col0 + loadRow + 32) * words) + kw + (loadChunk * 4), (rowsIn & 8) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 8192, operands.B, ((long)(col0 + loadRow + 64) * words) + kw + (loadChunk * 4), (rowsIn & 16) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 10240, operands.B, ((long)(col0 + loadRow + 96) * words) + kw + (loadChunk * 4), (rowsIn & 32) != 0 && kw + (loadChunk * 4) < words);
                Group.Barrier();
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane), out int s0a00, out int s0a01, out int s0a02, out int s0a03);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane) + 1024, out int s0a10, out int s0a11, out int s0a12, out int s0a13);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane), out int s0b00, out int s0b01, out int s0b10, out int s0b11);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 1024, out int s0b20, out int s0b21, out int s0b30, out int s0b31);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 2048, out int s0b40, out int s0b41, out int s0b50, out int s0b51);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 3072, out int s0b60, out int s0b61, out int s0b70, out int s0b71);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c000, ref c001, ref c002, ref c003, s0a00, s0a01, s0a02, s0a03, s0b00, s0b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c010, ref c011, ref c012, ref c013, s0a00, s0a01, s0a02, s0a03, s0b10, s0b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c020, ref c021, ref c022, ref c023, s0a00, s0a01, s0a02, s0a03, s0b20, s0b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c030, ref c031, ref c032, ref c033, s0a00, s0a01, s0a02, s0a03, s0b30, s0b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c040, ref c041, ref c042, ref c043, s0a00, s0a01, s0a02, s0a03, s0b40, s0b41);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c050, ref c051, ref c052, ref c053, s0a00, s0a01, s0a02, s0a03, s0b50, s0b51);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c060, ref c061, ref c062, ref c063, s0a00, s0a01, s0a02, s0a03, s0b60, s0b61);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c070, ref c071, ref c072, ref c073, s0a00, s0a01, s0a02, s0a03, s0b70, s0b71);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c100, ref c101, ref c102, ref c103, s0a10, s0a11, s0a12, s0a13, s0b00, s0b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c110, ref c111, ref c112, ref c113, s0a10, s0a11, s0a12, s0a13, s0b10, s0b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c120, ref c121, ref c122, ref c123, s0a10, s0a11, s0a12, s0a13, s0b20, s0b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c130, ref c131, ref c132, ref c133, s0a10, s0a11, s0a12, s0a13, s0b30, s0b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c140, ref c141, ref c142, ref c143, s0a10, s0a11, s0a12, s0a13, s0b40, s0b41);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c150, ref c151, ref c152, ref c153, s0a10, s0a11, s0a12, s0a13, s0b50, s0b51);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c160, ref c161, ref c162, ref c163, s0a10, s0a11, s0a12, s0a13, s0b60, s0b61);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c170, ref c171, ref c172, ref c173, s0a10, s0a11, s0a12, s0a13, s0b70, s0b71);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane ^ 32), out int s1a00, out int s1a01, out int s1a02, out int s1a03);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane ^ 32) + 1024, out int s1a10, out int s1a11, out int s1a12, out int s1a13);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32), out int s1b00, out int s1b01, out int s1b10, out int s1b11);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 1024, out int s1b20, out int s1b21, out int s1b30, out int s1b31);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 2048, out int s1b40, out int s1b41, out int s1b50, out int s1b51);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 3072, out int s1b60, out int s1b61, out int s1b70, out int s1b71);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c000, ref c001, ref c002, ref c003, s1a00, s1a01, s1a02, s1a03, s1b00, s1b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c010, ref c011, ref c012, ref c013, s1a00, s1a01, s1a02, s1a03, s1b10, s1b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c020, ref c021, ref c022, ref c023, s1a00, s1a01, s1a02, s1a03, s1b20, s1b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c030, ref c031, ref c032, ref c033, s1a00, s1a01, s1a02, s1a03, s1b30, s1b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c040, ref c041, ref c042, ref c043, s1a00, s1a01, s1a02, s1a03, s1b40, s1b41);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c050, ref c051, ref c052, ref c053, s1a00, s1a01, s1a02, s1a03, s1b50, s1b51);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c060, ref c061, ref c062, ref c063, s1a00, s1a01, s1a02, s1a03, s1b60, s1b61);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c070, ref c071, ref c072, ref c073, s1a00, s1a01, s1a02, s1a03, s1b70, s1b71);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c100, ref c101, ref c102, ref c103, s1a10, s1a11, s1a12, s1a13, s1b00, s1b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c110, ref c111, ref c112, ref c113, s1a10, s1a11, s1a12, s1a13, s1b10, s1b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c120, ref c121, ref c122, ref c123, s1a10, s1a11, s1a12, s1a13, s1b20, s1b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c130, ref c131, ref c132, ref c133, s1a10, s1a11, s1a12, s1a13, s1b30, s1b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c140, ref c141, ref c142, ref c143, s1a10, s1a11, s1a12, s1a13, s1b40, s1b41);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c150, ref c151, ref c152, ref c153, s1a10, s1a11, s1a12, s1a13, s1b50, s1b51);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c160, ref c161, ref c162, ref c163, s1a10, s1a11, s1a12, s1a13, s1b60, s1b61);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c170, ref c171, ref c172, ref c173, s1a10, s1a11, s1a12, s1a13, s1b70, s1b71);
                Group.Barrier();
            }
        }


        int rowBase = row0 + warpRow + g;
        int colBase = col0 + warpCol + (2 * t);
        if (Grid.DimZ > 1)
        {
            // The sums are partial: add them into the workspace. The tile's last block to finish takes the totals (leaving
            // the workspace zero) and runs the epilogue; the others are done.
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c000, c001, c002, c003, rowBase, colBase);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c010, c011, c012, c013, rowBase, colBase + 8);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c020, c021, c022, c023, rowBase, colBase + 16);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c030, c031, c032, c033, rowBase, colBase + 24);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c040, c041, c042, c043, rowBase, colBase + 32);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c050, c051, c052, c053, rowBase, colBase + 40);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c060, c061, c062, c063, rowBase, colBase + 48);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c070, c071, c072, c073, rowBase, colBase + 56);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c100, c101, c102, c103, rowBase + 16, colBase);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c110, c111, c112, c113, rowBase + 16, colBase + 8);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c120, c121, c122, c123, rowBase + 16, colBase + 16);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c130, c131, c132, c133, rowBase + 16, colBase + 24);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c140, c141, c142, c143, rowBase + 16, colBase + 32);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c150, c151, c152, c153, rowBase + 16, colBase + 40);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c160, c161, c162, c163, rowBase + 16, colBase + 48);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c170, c171, c172, c173, rowBase + 16, colBase + 56);
            if (!Int8SplitK.IsLastOfTile(operands.SplitTickets, tile, block))
            {
                return;
            }

            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c000, ref c001, ref c002, ref c003, rowBase, colBase);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c010, ref c011, ref c012, ref c013, rowBase, colBase + 8);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c020, ref c021, ref c022, ref c023, rowBase, colBase + 16);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c030, ref c031, ref c032, ref c033, rowBase, colBase + 24);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c040, ref c041, ref c042, ref c043, rowBase, colBase + 32);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c050, ref c051, ref c052, ref c053, rowBase, colBase + 40);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c060, ref c061, ref c062, ref c063, rowBase, colBase + 48);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c070, ref c071, ref c072, ref c073, rowBase, colBase + 56);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c100, ref c101, ref c102, ref c103, rowBase + 16, colBase);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c110, ref c111, ref c112, ref c113, rowBase + 16, colBase + 8);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c120, ref c121, ref c122, ref c123, rowBase + 16, colBase + 16);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c130, ref c131, ref c132, ref c133, rowBase + 16, colBase + 24);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c140, ref c141, ref c142, ref c143, rowBase + 16, colBase + 32);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c150, ref c151, ref c152, ref c153, rowBase + 16, colBase + 40);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c160, ref c161, ref c162, ref c163, rowBase + 16, colBase + 48);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c170, ref c171, ref c172, ref c173, rowBase + 16, colBase + 56);
        }

        // The ring is free now: the epilogue may stage what the tile's outputs read (scales, outlier columns).
        epilogue.Prepare(tile, row0, col0, 64, 128, rows, cols);
        StoreQuad(epilogue, c000, c001, c002, c003, rowBase, colBase, rows, cols);
        StoreQuad(epilogue, c010, c011, c012, c013, rowBase, colBase + 8, rows, cols);
        StoreQuad(epilogue, c020, c021, c022, c023, rowBase, colBase + 16, rows, cols);
        StoreQuad(epilogue, c030, c031, c032, c033, rowBase, colBase + 24, rows, cols);
        StoreQuad(epilogue, c040, c041, c042, c043, rowBase, colBase + 32, rows, cols);
        StoreQuad(epilogue, c050, c051, c052, c053, rowBase, colBase + 40, rows, cols);
        StoreQuad(epilogue, c060, c061, c062, c063, rowBase, colBase + 48, rows, cols);
        StoreQuad(epilogue, c070, c071, c072, c073, rowBase, colBase + 56, rows, cols);
        StoreQuad(epilogue, c100, c101, c102, c103, rowBase + 16, colBase, rows, cols);
        StoreQuad(epilogue, c110, c111, c112, c113, rowBase + 16, colBase + 8, rows, cols);
        StoreQuad(epilogue, c120, c121, c122, c123, rowBase + 16, colBase + 16, rows, cols);
        StoreQuad(epilogue, c130, c131, c132, c133, rowBase + 16, colBase + 24, rows, cols);
        StoreQuad(epilogue, c140, c141, c142, c143, rowBase + 16, colBase + 32, rows, cols);
        StoreQuad(epilogue, c150, c151, c152, c153, rowBase + 16, colBase + 40, rows, cols);
        StoreQuad(epilogue, c160, c161, c162, c163, rowBase + 16, colBase + 48, rows, cols);
        StoreQuad(epilogue, c170, c171, c172, c173, rowBase + 16, colBase + 56, rows, cols);
    }

    private const string MainLoopWgmmaRows128Cols128 =
        "{\n" +
        ".reg .pred qp, qv, qc;\n" +
        ".reg .b32 q<64>;\n" +
        ".reg .b64 qda, qdb;\n" +
        ".reg .b32 qkt, qn, qrs, qws, qsz, qt, qx, qd, qdst, qok, qsw, qkl, qal, qbl, qal1, qbl1, qbase, qoff, qbit, qy;\n" +
        ".reg .b64 qga, qgb, qstep, qfb, qxb, qsrc, qrow;\n" +
        "mov.b64 qga, %32;\n" +
        "mov.b64 qgb, %33;\n" +
        "mov.b64 qstep, %34;\n" +
        "mov.b64 qfb, %35;\n" +
        "mov.b32 qsw, %36;\n" +
        "mov.b32 qok, %37;\n" +
        "mov.b32 qkl, %38;\n" +
        "mov.b32 qn, %39;\n" +
        "mov.b32 qal, %40;\n" +
        "mov.b32 qbl, %41;\n" +
        "mov.b32 qbase, %42;\n" +
        ".reg .pred qsd;\n" +
        "mov.b32 qx, 1;\n" +
        "setp.ne.b32 qsd, qx, 0;\n" +
        "xor.b32 qal1, qal, 32;\n" +
        "xor.b32 qbl1, qbl, 32;\n" +
        "mov.b32 q0, 0;\n" +
        "mov.b32 q1, 0;\n" +
        "mov.b32 q2, 0;\n" +
        "mov.b32 q3, 0;\n" +
        "mov.b32 q4, 0;\n" +
        "mov.b32 q5, 0;\n" +
        "mov.b32 q6, 0;\n" +
        "mov.b32 q7, 0;\n" +
        "mov.b32 q8, 0;\n" +
        "mov.b32 q9, 0;\n" +
        "mov.b32 q10, 0;\n" +
        "mov.b32 q11, 0;\n" +
        "mov.b32 q12, 0;\n" +
        "mov.b32 q13, 0;\n" +
        "mov.b32 q14, 0;\n" +
        "mov.b32 q15, 0;\n" +
        "mov.b32 q16, 0;\n" +
        "mov.b32 q17, 0;\n" +
        "mov.b32 q18, 0;\n" +
        "mov.b32 q19, 0;\n" +
        "mov.b32 q20, 0;\n" +
        "mov.b32 q21, 0;\n" +
        "mov.b32 q22, 0;\n" +
        "mov.b32 q23, 0;\n" +
        "mov.b32 q24, 0;\n" +
        "mov.b32 q25, 0;\n" +
        "mov.b32 q26, 0;\n" +
        "mov.b32 q27, 0;\n" +
        "mov.b32 q28, 0;\n" +
        "mov.b32 q29, 0;\n" +
        "mov.b32 q30, 0;\n" +
        "mov.b32 q31, 0;\n" +
        "mov.b32 q32, 0;\n" +
        "mov.b32 q33, 0;\n" +
        "mov.b32 q34, 0;\n" +
        "mov.b32 q35, 0;\n" +
        "mov.b32 q36, 0;\n" +
        "mov.b32 q37, 0;\n" +
        "mov.b32 q38, 0;\n" +
        "mov.b32 q39, 0;\n" +
        "mov.b32 q40, 0;\n" +
        "mov.b32 q41, 0;\n" +
        "mov.b32 q42, 0;\n" +
        "mov.b32 q43, 0;\n" +
        "mov.b32 q44, 0;\n" +
        "mov.b32 q45, 0;\n" +
        "mov.b32 q46, 0;\n" +
        "mov.b32 q47, 0;\n" +
        "mov.b32 q48, 0;\n" +
        "mov.b32 q49, 0;\n" +
        "mov.b32 q50, 0;\n" +
        "mov.b32 q51, 0;\n" +
        "mov.b32 q52, 0;\n" +
        "mov.b32 q53, 0;\n" +
        "mov.b32 q54, 0;\n" +
        "mov.b32 q55, 0;\n" +
        "mov.b32 q56, 0;\n" +
        "mov.b32 q57, 0;\n" +
        "mov.b32 q58, 0;\n" +
        "mov.b32 q59, 0;\n" +
        "mov.b32 q60, 0;\n" +
        "mov.b32 q61, 0;\n" +
        "mov.b32 q62, 0;\n" +
        "mov.b32 q63, 0;\n" +
        "setp.le.s32 qp, qn, 0;\n" +
        "@qp bra QMMA_SKIP0;\n" +
        "mov.b32 qt, 0;\n" +
        "mov.b32 qoff, 0;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 12288;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP0:\n" +
        "cp.async.commit_group;\n" +
        "setp.le.s32 qp, qn, 1;\n" +
        "@qp bra QMMA_SKIP1;\n" +
        "mov.b32 qt, 1;\n" +
        "mov.b32 qoff, 16384;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 12288;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP1:\n" +
        "cp.async.commit_group;\n" +
        "mov.b32 qkt, 0;\n" +
        "mov.b32 qrs, 0;\n" +
        "mov.b32 qws, 32768;\n" +
        "QMMA_LOOP:\n" +
        "setp.ge.s32 qp, qkt, qn;\n" +
        "@qp bra QMMA_DONE;\n" +
        "cp.async.wait_group 1;\n" +
        "wgmma.wait_group.sync.aligned 0;\n" +
        "fence.proxy.async.shared::cta;\n" +
        "bar.sync 0;\n" +
        "add.u32 qy, qbase, qrs;\n" +
        "add.u32 qx, qy, qal;\n" +
        "shr.u32 qx, qx, 4;\n" +
        "and.b32 qx, qx, 16383;\n" +
        "cvt.u64.u32 qda, qx;\n" +
        "or.b64 qda, qda, 0x8000002000010000;\n" +
        "add.u32 qx, qy, qbl;\n" +
        "shr.u32 qx, qx, 4;\n" +
        "and.b32 qx, qx, 16383;\n" +
        "cvt.u64.u32 qdb, qx;\n" +
        "or.b64 qdb, qdb, 0x8000002000010000;\n" +
        "wgmma.fence.sync.aligned;\n" +
        "wgmma.mma_async.sync.aligned.m64n128k32.s32.s8.s8 {q0,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13,q14,q15,q16,q17,q18,q19,q20,q21,q22,q23,q24,q25,q26,q27,q28,q29,q30,q31,q32,q33,q34,q35,q36,q37,q38,q39,q40,q41,q42,q43,q44,q45,q46,q47,q48,q49,q50,q51,q52,q53,q54,q55,q56,q57,q58,q59,q60,q61,q62,q63}, qda, qdb, qsd;\n" +
        "add.s64 qda, qda, 2;\n" +
        "add.s64 qdb, qdb, 2;\n" +
        "wgmma.mma_async.sync.aligned.m64n128k32.s32.s8.s8 {q0,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13,q14,q15,q16,q17,q18,q19,q20,q21,q22,q23,q24,q25,q26,q27,q28,q29,q30,q31,q32,q33,q34,q35,q36,q37,q38,q39,q40,q41,q42,q43,q44,q45,q46,q47,q48,q49,q50,q51,q52,q53,q54,q55,q56,q57,q58,q59,q60,q61,q62,q63}, qda, qdb, qsd;\n" +
        "wgmma.commit_group.sync.aligned;\n" +
        "add.s32 qt, qkt, 2;\n" +
        "setp.ge.s32 qp, qt, qn;\n" +
        "@qp bra QMMA_NOISSUE;\n" +
        "mov.b32 qoff, qws;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 12288;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_NOISSUE:\n" +
        "cp.async.commit_group;\n" +
        "add.s32 qrs, qrs, 16384;\n" +
        "setp.eq.s32 qp, qrs, 49152;\n" +
        "@qp mov.b32 qrs, 0;\n" +
        "add.s32 qws, qws, 16384;\n" +
        "setp.eq.s32 qp, qws, 49152;\n" +
        "@qp mov.b32 qws, 0;\n" +
        "add.s32 qkt, qkt, 1;\n" +
        "bra.uni QMMA_LOOP;\n" +
        "QMMA_DONE:\n" +
        "wgmma.wait_group.sync.aligned 0;\n" +
        "cp.async.wait_all;\n" +
        "mov.b64 %0, {q0,q1};\n" +
        "mov.b64 %1, {q2,q3};\n" +
        "mov.b64 %2, {q4,q5};\n" +
        "mov.b64 %3, {q6,q7};\n" +
        "mov.b64 %4, {q8,q9};\n" +
        "mov.b64 %5, {q10,q11};\n" +
        "mov.b64 %6, {q12,q13};\n" +
        "mov.b64 %7, {q14,q15};\n" +
        "mov.b64 %8, {q16,q17};\n" +
        "mov.b64 %9, {q18,q19};\n" +
        "mov.b64 %10, {q20,q21};\n" +
        "mov.b64 %11, {q22,q23};\n" +
        "mov.b64 %12, {q24,q25};\n" +
        "mov.b64 %13, {q26,q27};\n" +
        "mov.b64 %14, {q28,q29};\n" +
        "mov.b64 %15, {q30,q31};\n" +
        "mov.b64 %16, {q32,q33};\n" +
        "mov.b64 %17, {q34,q35};\n" +
        "mov.b64 %18, {q36,q37};\n" +
        "mov.b64 %19, {q38,q39};\n" +
        "mov.b64 %20, {q40,q41};\n" +
        "mov.b64 %21, {q42,q43};\n" +
        "mov.b64 %22, {q44,q45};\n" +
        "mov.b64 %23, {q46,q47};\n" +
        "mov.b64 %24, {q48,q49};\n" +
        "mov.b64 %25, {q50,q51};\n" +
        "mov.b64 %26, {q52,q53};\n" +
        "mov.b64 %27, {q54,q55};\n" +
        "mov.b64 %28, {q56,q57};\n" +
        "mov.b64 %29, {q58,q59};\n" +
        "mov.b64 %30, {q60,q61};\n" +
        "mov.b64 %31, {q62,q63};\n" +
        "}\n";

    /// <summary>
    /// The 128 × 128 tile on Hopper's warpgroup MMA: 2 warpgroup(s), each one <c>wgmma.mma_async</c> m64n128k32 per K step
    /// with both operands read from the ring through shared-memory descriptors (64-byte swizzle), K staged 64 codes at a time,
    /// 3 stages. Its PTX needs <c>.target sm_90a</c>: launch it through <c>GpuBackend</c>, which retargets kernels
    /// marked <see cref="HopperKernelAttribute"/>. The accumulators have the <c>mma.sync</c> m16n8 layout (warp w of a warpgroup
    /// holds its rows 16w..16w+15), so the managed twin and the epilogue are those of the other tiles, with 16 × 128 warp tiles.
    /// </summary>
    /// <typeparam name="TEpilogue">Turns each int32 sum into the stored output.</typeparam>
    /// <param name="operands">The packed codes, their addresses and the shape.</param>
    /// <param name="epilogue">Prepared once per block, then called once per pair of adjacent outputs inside [rows × cols].</param>
    [HopperKernel]
    public static void KernelWgmmaRows128Cols128<TEpilogue>(Int8MmaOperands operands, TEpilogue epilogue)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        var tile = SharedMemory.Allocate<int>(12288);
        int rows = operands.Rows, cols = operands.Cols, words = operands.Words;
        if (words < 0)
        {
            // Never taken: on CUDA every access is inline PTX naming the allocation, and this use keeps it alive.
            tile[0] = words;
        }

        int tid = Group.IdxX;
        int warp = tid >> 5;
        int lane = tid & 31;
        int g = lane >> 2;
        int t = lane & 3;
        // Blocks run in launch order: take them in groups of operands.GroupRows row bands, column by column inside a group, so
        // the tiles resident at once read a few bands of A and a slice of B that stay in L2 (row-major order streams
        // all of B for every band).
        int block = (Grid.IdxY * Grid.DimX) + Grid.IdxX;
        int groupRows = IntrinsicMath.Max(operands.GroupRows, 1);
        int blocksPerGroup = groupRows * Grid.DimX;
        int firstBand = (block / blocksPerGroup) * groupRows;
        int bands = IntrinsicMath.Min(Grid.DimY - firstBand, groupRows);
        int inGroup = block - ((block / blocksPerGroup) * blocksPerGroup);
        int row0 = (firstBand + (inGroup % bands)) * 128;
        int col0 = (inGroup / bands) * 128;
        int warpRow = (warp / 1) * 16;
        int warpCol = (warp % 1) * 128;
        int kTiles = (words + 15) / 16;

        // A K split (grid Z > 1, for grids with fewer tiles than SMs): this block multiplies k tiles [kFirst, kEnd) only.
        int kPerSplit = Int8MmaGemm.KTilesPerSplit(kTiles, Grid.DimZ);
        int kFirst = Grid.IdxZ * kPerSplit;
        int kEnd = IntrinsicMath.Min(kFirst + kPerSplit, kTiles);

        // Copy assignment: chunk i of a stage is row tid / 4 + 64·i (of A, then of B), 16-byte chunk tid % 4.
        int loadRow = tid / 4;
        int loadChunk = tid % 4;
        int loadShared = (loadRow * 64) + ((loadChunk ^ ((loadRow >> 1) & 3)) * 16);
        int rowsIn = 0;
        rowsIn |= row0 + loadRow < rows ? 1 : 0;
        rowsIn |= row0 + loadRow + 64 < rows ? 2 : 0;
        rowsIn |= col0 + loadRow < cols ? 4 : 0;
        rowsIn |= col0 + loadRow + 64 < cols ? 8 : 0;

        // ldmatrix row addresses of this lane (byte offsets inside a stage, K step 0; step 1 flips bit 5).
        int aLaneRow = warpRow + (lane & 15);
        int aLane = (aLaneRow * 64) + (((lane >> 4) ^ ((aLaneRow >> 1) & 3)) * 16);
        int bLaneRow = warpCol + (lane & 7) + ((lane >> 4) << 3);
        int bLane = 8192 + (bLaneRow * 64) + ((((lane >> 3) & 1) ^ ((bLaneRow >> 1) & 3)) * 16);
        int c000 = 0, c001 = 0, c002 = 0, c003 = 0;
        int c010 = 0, c011 = 0, c012 = 0, c013 = 0;
        int c020 = 0, c021 = 0, c022 = 0, c023 = 0;
        int c030 = 0, c031 = 0, c032 = 0, c033 = 0;
        int c040 = 0, c041 = 0, c042 = 0, c043 = 0;
        int c050 = 0, c051 = 0, c052 = 0, c053 = 0;
        int c060 = 0, c061 = 0, c062 = 0, c063 = 0;
        int c070 = 0, c071 = 0, c072 = 0, c073 = 0;
        int c080 = 0, c081 = 0, c082 = 0, c083 = 0;
        int c090 = 0, c091 = 0, c092 = 0, c093 = 0;
        int c0100 = 0, c0101 = 0, c0102 = 0, c0103 = 0;
        int c0110 = 0, c0111 = 0, c0112 = 0, c0113 = 0;
        int c0120 = 0, c0121 = 0, c0122 = 0, c0123 = 0;
        int c0130 = 0, c0131 = 0, c0132 = 0, c0133 = 0;
        int c0140 = 0, c0141 = 0, c0142 = 0, c0143 = 0;
        int c0150 = 0, c0151 = 0, c0152 = 0, c0153 = 0;

        if (CudaAsm.IsSupported)
        {
            Output<long> o0 = default;
            Output<long> o1 = default;
            Output<long> o2 = default;
            Output<long> o3 = default;
            Output<long> o4 = default;
            Output<long> o5 = default;
            Output<long> o6 = default;
            Output<long> o7 = default;
            Output<long> o8 = default;
            Output<long> o9 = default;
            Output<long> o10 = default;
            Output<long> o11 = default;
            Output<long> o12 = default;
            Output<long> o13 = default;
            Output<long> o14 = default;
            Output<long> o15 = default;
            Output<long> o16 = default;
            Output<long> o17 = default;
            Output<long> o18 = default;
            Output<long> o19 = default;
            Output<long> o20 = default;
            Output<long> o21 = default;
            Output<long> o22 = default;
            Output<long> o23 = default;
            Output<long> o24 = default;
            Output<long> o25 = default;
            Output<long> o26 = default;
            Output<long> o27 = default;
            Output<long> o28 = default;
            Output<long> o29 = default;
            Output<long> o30 = default;
            Output<long> o31 = default;
            Input<long> aRow = operands.AAddress + ((((long)row0 + loadRow) * words) * 4) + (kFirst * 64) + (loadChunk * 16);
            Input<long> bRow = operands.BAddress + ((((long)col0 + loadRow) * words) * 4) + (kFirst * 64) + (loadChunk * 16);
            Input<long> rowBytes = (long)words * 4;
            Input<long> fallback = operands.AAddress;
            int sharedBase = Int8MmaAsync.SharedBase();
            Input<int> sharedLoad = sharedBase + loadShared;
            Input<int> inside = rowsIn;
            Input<int> kLimit = (words * 4) - (kFirst * 64) - (loadChunk * 16);
            Input<int> tiles = kEnd - kFirst;
            // wgmma: the operands' byte offsets inside a stage, this warpgroup's 64 rows of A and all 128 rows of B.
            Input<int> aLdm = (warp >> 2) * 4096;
            Input<int> bLdm = 8192;
            Input<int> stageBase = sharedBase;
            CudaAsm.EmitRef(
                MainLoopWgmmaRows128Cols128,
                ref o0,
                ref o1,
                ref o2,
                ref o3,
                ref o4,
                ref o5,
                ref o6,
                ref o7,
                ref o8,
                ref o9,
                ref o10,
                ref o11,
                ref o12,
                ref o13,
                ref o14,
                ref o15,
                ref o16,
                ref o17,
                ref o18,
                ref o19,
                ref o20,
                ref o21,
                ref o22,
                ref o23,
                ref o24,
                ref o25,
                ref o26,
                ref o27,
                ref o28,
                ref o29,
                ref o30,
                ref o31,
                ref aRow,
                ref bRow,
                ref rowBytes,
                ref fallback,
                ref sharedLoad,
                ref inside,
                ref kLimit,
                ref tiles,
                ref aLdm,
                ref bLdm,
                ref stageBase);
            c000 = (int)o0.Value;
            c001 = (int)(o0.Value >> 32);
            c002 = (int)o1.Value;
            c003 = (int)(o1.Value >> 32);
            c010 = (int)o2.Value;
            c011 = (int)(o2.Value >> 32);
            c012 = (int)o3.Value;
            c013 = (int)(o3.Value >> 32);
            c020 = (int)o4.Value;
            c021 = (int)(o4.Value >> 32);
            c022 = (int)o5.Value;
            c023 = (int)(o5.Value >> 32);
            c030 = (int)o6.Value;
            c031 = (int)(o6.Value >> 32);
            c032 = (int)o7.Value;
            c033 = (int)(o7.Value >> 32);
            c040 = (int)o8.Value;
            c041 = (int)(o8.Value >> 32);
            c042 = (int)o9.Value;
            c043 = (int)(o9.Value >> 32);
            c050 = (int)o10.Value;
            c051 = (int)(o10.Value >> 32);
            c052 = (int)o11.Value;
            c053 = (int)(o11.Value >> 32);
            c060 = (int)o12.Value;
            c061 = (int)(o12.Value >> 32);
            c062 = (int)o13.Value;
            c063 = (int)(o13.Value >> 32);
            c070 = (int)o14.Value;
            c071 = (int)(o14.Value >> 32);
            c072 = (int)o15.Value;
            c073 = (int)(o15.Value >> 32);
            c080 = (int)o16.Value;
            c081 = (int)(o16.Value >> 32);
            c082 = (int)o17.Value;
            c083 = (int)(o17.Value >> 32);
            c090 = (int)o18.Value;
            c091 = (int)(o18.Value >> 32);
            c092 = (int)o19.Value;
            c093 = (int)(o19.Value >> 32);
            c0100 = (int)o20.Value;
            c0101 = (int)(o20.Value >> 32);
            c0102 = (int)o21.Value;
            c0103 = (int)(o21.Value >> 32);
            c0110 = (int)o22.Value;
            c0111 = (int)(o22.Value >> 32);
            c0112 = (int)o23.Value;
            c0113 = (int)(o23.Value >> 32);
            c0120 = (int)o24.Value;
            c0121 = (int)(o24.Value >> 32);
            c0122 = (int)o25.Value;
            c0123 = (int)(o25.Value >> 32);
            c0130 = (int)o26.Value;
            c0131 = (int)(o26.Value >> 32);
            c0132 = (int)o27.Value;
            c0133 = (int)(o27.Value >> 32);
            c0140 = (int)o28.Value;
            c0141 = (int)(o28.Value >> 32);
            c0142 = (int)o29.Value;
            c0143 = (int)(o29.Value >> 32);
            c0150 = (int)o30.Value;
            c0151 = (int)(o30.Value >> 32);
            c0152 = (int)o31.Value;
            c0153 = (int)(o31.Value >> 32);
        }
        else
        {
            // Managed twin: the same ring, swizzle and fragment layout, one stage at a time (copies are synchronous).
            for (int kt = kFirst; kt < kEnd; kt++)
            {
                int kw = kt * 16;
                int sb = (kt % 3) * 16384;
                Int8MmaAsync.CopyChunk(tile, sb + loadShared, operands.A, ((long)(row0 + loadRow) * words) + kw + (loadChunk * 4), (rowsIn & 1) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 4096, operands.A, ((long)(row0 + loadRow + 64) * words) + kw + (loadChunk * 4), (rowsIn & 2) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 8192, operands.B, ((long)(col0 + loadRow) * words) + kw + (loadChunk * 4), (rowsIn & 4) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 12288, operands.B, ((long)(col0 + loadRow + 64) * words) + kw + (loadChunk * 4), (rowsIn & 8) != 0 && kw + (loadChunk * 4) < words);
                Group.Barrier();
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane), out int s0a00, out int s0a01, out int s0a02, out int s0a03);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane), out int s0b00, out int s0b01, out int s0b10, out int s0b11);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 1024, out int s0b20, out int s0b21, out int s0b30, out int s0b31);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 2048, out int s0b40, out int s0b41, out int s0b50, out int s0b51);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 3072, out int s0b60, out int s0b61, out int s0b70, out int s0b71);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 4096, out int s0b80, out int s0b81, out int s0b90, out int s0b91);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 5120, out int s0b100, out int s0b101, out int s0b110, out int s0b111);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 6144, out int s0b120, out int s0b121, out int s0b130, out int s0b131);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 7168, out int s0b140, out int s0b141, out int s0b150, out int s0b151);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c000, ref c001, ref c002, ref c003, s0a00, s0a01, s0a02, s0a03, s0b00, s0b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c010, ref c011, ref c012, ref c013, s0a00, s0a01, s0a02, s0a03, s0b10, s0b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c020, ref c021, ref c022, ref c023, s0a00, s0a01, s0a02, s0a03, s0b20, s0b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c030, ref c031, ref c032, ref c033, s0a00, s0a01, s0a02, s0a03, s0b30, s0b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c040, ref c041, ref c042, ref c043, s0a00, s0a01, s0a02, s0a03, s0b40, s0b41);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c050, ref c051, ref c052, ref c053, s0a00, s0a01, s0a02, s0a03, s0b50, s0b51);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c060, ref c061, ref c062, ref c063, s0a00, s0a01, s0a02, s0a03, s0b60, s0b61);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c070, ref c071, ref c072, ref c073, s0a00, s0a01, s0a02, s0a03, s0b70, s0b71);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c080, ref c081, ref c082, ref c083, s0a00, s0a01, s0a02, s0a03, s0b80, s0b81);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c090, ref c091, ref c092, ref c093, s0a00, s0a01, s0a02, s0a03, s0b90, s0b91);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0100, ref c0101, ref c0102, ref c0103, s0a00, s0a01, s0a02, s0a03, s0b100, s0b101);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0110, ref c0111, ref c0112, ref c0113, s0a00, s0a01, s0a02, s0a03, s0b110, s0b111);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0120, ref c0121, ref c0122, ref c0123, s0a00, s0a01, s0a02, s0a03, s0b120, s0b121);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0130, ref c0131, ref c0132, ref c0133, s0a00, s0a01, s0a02, s0a03, s0b130, s0b131);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0140, ref c0141, ref c0142, ref c0143, s0a00, s0a01, s0a02, s0a03, s0b140, s0b141);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0150, ref c0151, ref c0152, ref c0153, s0a00, s0a01, s0a02, s0a03, s0b150, s0b151);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane ^ 32), out int s1a00, out int s1a01, out int s1a02, out int s1a03);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32), out int s1b00, out int s1b01, out int s1b10, out int s1b11);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 1024, out int s1b20, out int s1b21, out int s1b30, out int s1b31);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 2048, out int s1b40, out int s1b41, out int s1b50, out int s1b51);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 3072, out int s1b60, out int s1b61, out int s1b70, out int s1b71);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 4096, out int s1b80, out int s1b81, out int s1b90, out int s1b91);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 5120, out int s1b100, out int s1b101, out int s1b110, out int s1b111);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 6144, out int s1b120, out int s1b121, out int s1b130, out int s1b131);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 7168, out int s1b140, out int s1b141, out int s1b150, out int s1b151);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c000, ref c001, ref c002, ref c003, s1a00, s1a01, s1a02, s1a03, s1b00, s1b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c010, ref c011, ref c012, ref c013, s1a00, s1a01, s1a02, s1a03, s1b10, s1b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c020, ref c021, ref c022, ref c023, s1a00, s1a01, s1a02, s1a03, s1b20, s1b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c030, ref c031, ref c032, ref c033, s1a00, s1a01, s1a02, s1a03, s1b30, s1b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c040, ref c041, ref c042, ref c043, s1a00, s1a01, s1a02, s1a03, s1b40, s1b41);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c050, ref c051, ref c052, ref c053, s1a00, s1a01, s1a02, s1a03, s1b50, s1b51);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c060, ref c061, ref c062, ref c063, s1a00, s1a01, s1a02, s1a03, s1b60, s1b61);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c070, ref c071, ref c072, ref c073, s1a00, s1a01, s1a02, s1a03, s1b70, s1b71);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c080, ref c081, ref c082, ref c083, s1a00, s1a01, s1a02, s1a03, s1b80, s1b81);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c090, ref c091, ref c092, ref c093, s1a00, s1a01, s1a02, s1a03, s1b90, s1b91);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0100, ref c0101, ref c0102, ref c0103, s1a00, s1a01, s1a02, s1a03, s1b100, s1b101);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0110, ref c0111, ref c0112, ref c0113, s1a00, s1a01, s1a02, s1a03, s1b110, s1b111);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0120, ref c0121, ref c0122, ref c0123, s1a00, s1a01, s1a02, s1a03, s1b120, s1b121);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0130, ref c0131, ref c0132, ref c0133, s1a00, s1a01, s1a02, s1a03, s1b130, s1b131);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0140, ref c0141, ref c0142, ref c0143, s1a00, s1a01, s1a02, s1a03, s1b140, s1b141);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0150, ref c0151, ref c0152, ref c0153, s1a00, s1a01, s1a02, s1a03, s1b150, s1b151);
                Group.Barrier();
            }
        }


        int rowBase = row0 + warpRow + g;
        int colBase = col0 + warpCol + (2 * t);
        if (Grid.DimZ > 1)
        {
            // The sums are partial: add them into the workspace. The tile's last block to finish takes the totals (leaving
            // the workspace zero) and runs the epilogue; the others are done.
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c000, c001, c002, c003, rowBase, colBase);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c010, c011, c012, c013, rowBase, colBase + 8);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c020, c021, c022, c023, rowBase, colBase + 16);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c030, c031, c032, c033, rowBase, colBase + 24);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c040, c041, c042, c043, rowBase, colBase + 32);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c050, c051, c052, c053, rowBase, colBase + 40);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c060, c061, c062, c063, rowBase, colBase + 48);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c070, c071, c072, c073, rowBase, colBase + 56);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c080, c081, c082, c083, rowBase, colBase + 64);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c090, c091, c092, c093, rowBase, colBase + 72);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0100, c0101, c0102, c0103, rowBase, colBase + 80);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0110, c0111, c0112, c0113, rowBase, colBase + 88);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0120, c0121, c0122, c0123, rowBase, colBase + 96);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0130, c0131, c0132, c0133, rowBase, colBase + 104);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0140, c0141, c0142, c0143, rowBase, colBase + 112);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0150, c0151, c0152, c0153, rowBase, colBase + 120);
            if (!Int8SplitK.IsLastOfTile(operands.SplitTickets, tile, block))
            {
                return;
            }

            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c000, ref c001, ref c002, ref c003, rowBase, colBase);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c010, ref c011, ref c012, ref c013, rowBase, colBase + 8);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c020, ref c021, ref c022, ref c023, rowBase, colBase + 16);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c030, ref c031, ref c032, ref c033, rowBase, colBase + 24);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c040, ref c041, ref c042, ref c043, rowBase, colBase + 32);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c050, ref c051, ref c052, ref c053, rowBase, colBase + 40);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c060, ref c061, ref c062, ref c063, rowBase, colBase + 48);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c070, ref c071, ref c072, ref c073, rowBase, colBase + 56);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c080, ref c081, ref c082, ref c083, rowBase, colBase + 64);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c090, ref c091, ref c092, ref c093, rowBase, colBase + 72);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0100, ref c0101, ref c0102, ref c0103, rowBase, colBase + 80);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0110, ref c0111, ref c0112, ref c0113, rowBase, colBase + 88);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0120, ref c0121, ref c0122, ref c0123, rowBase, colBase + 96);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0130, ref c0131, ref c0132, ref c0133, rowBase, colBase + 104);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0140, ref c0141, ref c0142, ref c0143, rowBase, colBase + 112);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0150, ref c0151, ref c0152, ref c0153, rowBase, colBase + 120);
        }

        // The ring is free now: the epilogue may stage what the tile's outputs read (scales, outlier columns).
        epilogue.Prepare(tile, row0, col0, 128, 128, rows, cols);
        StoreQuad(epilogue, c000, c001, c002, c003, rowBase, colBase, rows, cols);
        StoreQuad(epilogue, c010, c011, c012, c013, rowBase, colBase + 8, rows, cols);
        StoreQuad(epilogue, c020, c021, c022, c023, rowBase, colBase + 16, rows, cols);
        StoreQuad(epilogue, c030, c031, c032, c033, rowBase, colBase + 24, rows, cols);
        StoreQuad(epilogue, c040, c041, c042, c043, rowBase, colBase + 32, rows, cols);
        StoreQuad(epilogue, c050, c051, c052, c053, rowBase, colBase + 40, rows, cols);
        StoreQuad(epilogue, c060, c061, c062, c063, rowBase, colBase + 48, rows, cols);
        StoreQuad(epilogue, c070, c071, c072, c073, rowBase, colBase + 56, rows, cols);
        StoreQuad(epilogue, c080, c081, c082, c083, rowBase, colBase + 64, rows, cols);
        StoreQuad(epilogue, c090, c091, c092, c093, rowBase, colBase + 72, rows, cols);
        StoreQuad(epilogue, c0100, c0101, c0102, c0103, rowBase, colBase + 80, rows, cols);
        StoreQuad(epilogue, c0110, c0111, c0112, c0113, rowBase, colBase + 88, rows, cols);
        StoreQuad(epilogue, c0120, c0121, c0122, c0123, rowBase, colBase + 96, rows, cols);
        StoreQuad(epilogue, c0130, c0131, c0132, c0133, rowBase, colBase + 104, rows, cols);
        StoreQuad(epilogue, c0140, c0141, c0142, c0143, rowBase, colBase + 112, rows, cols);
        StoreQuad(epilogue, c0150, c0151, c0152, c0153, rowBase, colBase + 120, rows, cols);
    }

    private const string MainLoopWgmmaRows64Cols128 =
        "{\n" +
        ".reg .pred qp, qv, qc;\n" +
        ".reg .b32 q<64>;\n" +
        ".reg .b64 qda, qdb;\n" +
        ".reg .b32 qkt, qn, qrs, qws, qsz, qt, qx, qd, qdst, qok, qsw, qkl, qal, qbl, qal1, qbl1, qbase, qoff, qbit, qy;\n" +
        ".reg .b64 qga, qgb, qstep, qfb, qxb, qsrc, qrow;\n" +
        "mov.b64 qga, %32;\n" +
        "mov.b64 qgb, %33;\n" +
        "mov.b64 qstep, %34;\n" +
        "mov.b64 qfb, %35;\n" +
        "mov.b32 qsw, %36;\n" +
        "mov.b32 qok, %37;\n" +
        "mov.b32 qkl, %38;\n" +
        "mov.b32 qn, %39;\n" +
        "mov.b32 qal, %40;\n" +
        "mov.b32 qbl, %41;\n" +
        "mov.b32 qbase, %42;\n" +
        ".reg .pred qsd;\n" +
        "mov.b32 qx, 1;\n" +
        "setp.ne.b32 qsd, qx, 0;\n" +
        "xor.b32 qal1, qal, 32;\n" +
        "xor.b32 qbl1, qbl, 32;\n" +
        "mov.b32 q0, 0;\n" +
        "mov.b32 q1, 0;\n" +
        "mov.b32 q2, 0;\n" +
        "mov.b32 q3, 0;\n" +
        "mov.b32 q4, 0;\n" +
        "mov.b32 q5, 0;\n" +
        "mov.b32 q6, 0;\n" +
        "mov.b32 q7, 0;\n" +
        "mov.b32 q8, 0;\n" +
        "mov.b32 q9, 0;\n" +
        "mov.b32 q10, 0;\n" +
        "mov.b32 q11, 0;\n" +
        "mov.b32 q12, 0;\n" +
        "mov.b32 q13, 0;\n" +
        "mov.b32 q14, 0;\n" +
        "mov.b32 q15, 0;\n" +
        "mov.b32 q16, 0;\n" +
        "mov.b32 q17, 0;\n" +
        "mov.b32 q18, 0;\n" +
        "mov.b32 q19, 0;\n" +
        "mov.b32 q20, 0;\n" +
        "mov.b32 q21, 0;\n" +
        "mov.b32 q22, 0;\n" +
        "mov.b32 q23, 0;\n" +
        "mov.b32 q24, 0;\n" +
        "mov.b32 q25, 0;\n" +
        "mov.b32 q26, 0;\n" +
        "mov.b32 q27, 0;\n" +
        "mov.b32 q28, 0;\n" +
        "mov.b32 q29, 0;\n" +
        "mov.b32 q30, 0;\n" +
        "mov.b32 q31, 0;\n" +
        "mov.b32 q32, 0;\n" +
        "mov.b32 q33, 0;\n" +
        "mov.b32 q34, 0;\n" +
        "mov.b32 q35, 0;\n" +
        "mov.b32 q36, 0;\n" +
        "mov.b32 q37, 0;\n" +
        "mov.b32 q38, 0;\n" +
        "mov.b32 q39, 0;\n" +
        "mov.b32 q40, 0;\n" +
        "mov.b32 q41, 0;\n" +
        "mov.b32 q42, 0;\n" +
        "mov.b32 q43, 0;\n" +
        "mov.b32 q44, 0;\n" +
        "mov.b32 q45, 0;\n" +
        "mov.b32 q46, 0;\n" +
        "mov.b32 q47, 0;\n" +
        "mov.b32 q48, 0;\n" +
        "mov.b32 q49, 0;\n" +
        "mov.b32 q50, 0;\n" +
        "mov.b32 q51, 0;\n" +
        "mov.b32 q52, 0;\n" +
        "mov.b32 q53, 0;\n" +
        "mov.b32 q54, 0;\n" +
        "mov.b32 q55, 0;\n" +
        "mov.b32 q56, 0;\n" +
        "mov.b32 q57, 0;\n" +
        "mov.b32 q58, 0;\n" +
        "mov.b32 q59, 0;\n" +
        "mov.b32 q60, 0;\n" +
        "mov.b32 q61, 0;\n" +
        "mov.b32 q62, 0;\n" +
        "mov.b32 q63, 0;\n" +
        "setp.le.s32 qp, qn, 0;\n" +
        "@qp bra QMMA_SKIP0;\n" +
        "mov.b32 qt, 0;\n" +
        "mov.b32 qoff, 0;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 2048;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 6144;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 96;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 10240;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP0:\n" +
        "cp.async.commit_group;\n" +
        "setp.le.s32 qp, qn, 1;\n" +
        "@qp bra QMMA_SKIP1;\n" +
        "mov.b32 qt, 1;\n" +
        "mov.b32 qoff, 12288;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 2048;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 6144;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 96;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 10240;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP1:\n" +
        "cp.async.commit_group;\n" +
        "setp.le.s32 qp, qn, 2;\n" +
        "@qp bra QMMA_SKIP2;\n" +
        "mov.b32 qt, 2;\n" +
        "mov.b32 qoff, 24576;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 2048;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 6144;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 96;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 10240;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP2:\n" +
        "cp.async.commit_group;\n" +
        "mov.b32 qkt, 0;\n" +
        "mov.b32 qrs, 0;\n" +
        "mov.b32 qws, 36864;\n" +
        "QMMA_LOOP:\n" +
        "setp.ge.s32 qp, qkt, qn;\n" +
        "@qp bra QMMA_DONE;\n" +
        "cp.async.wait_group 2;\n" +
        "wgmma.wait_group.sync.aligned 0;\n" +
        "fence.proxy.async.shared::cta;\n" +
        "bar.sync 0;\n" +
        "add.u32 qy, qbase, qrs;\n" +
        "add.u32 qx, qy, qal;\n" +
        "shr.u32 qx, qx, 4;\n" +
        "and.b32 qx, qx, 16383;\n" +
        "cvt.u64.u32 qda, qx;\n" +
        "or.b64 qda, qda, 0x8000002000010000;\n" +
        "add.u32 qx, qy, qbl;\n" +
        "shr.u32 qx, qx, 4;\n" +
        "and.b32 qx, qx, 16383;\n" +
        "cvt.u64.u32 qdb, qx;\n" +
        "or.b64 qdb, qdb, 0x8000002000010000;\n" +
        "wgmma.fence.sync.aligned;\n" +
        "wgmma.mma_async.sync.aligned.m64n128k32.s32.s8.s8 {q0,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13,q14,q15,q16,q17,q18,q19,q20,q21,q22,q23,q24,q25,q26,q27,q28,q29,q30,q31,q32,q33,q34,q35,q36,q37,q38,q39,q40,q41,q42,q43,q44,q45,q46,q47,q48,q49,q50,q51,q52,q53,q54,q55,q56,q57,q58,q59,q60,q61,q62,q63}, qda, qdb, qsd;\n" +
        "add.s64 qda, qda, 2;\n" +
        "add.s64 qdb, qdb, 2;\n" +
        "wgmma.mma_async.sync.aligned.m64n128k32.s32.s8.s8 {q0,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13,q14,q15,q16,q17,q18,q19,q20,q21,q22,q23,q24,q25,q26,q27,q28,q29,q30,q31,q32,q33,q34,q35,q36,q37,q38,q39,q40,q41,q42,q43,q44,q45,q46,q47,q48,q49,q50,q51,q52,q53,q54,q55,q56,q57,q58,q59,q60,q61,q62,q63}, qda, qdb, qsd;\n" +
        "wgmma.commit_group.sync.aligned;\n" +
        "add.s32 qt, qkt, 3;\n" +
        "setp.ge.s32 qp, qt, qn;\n" +
        "@qp bra QMMA_NOISSUE;\n" +
        "mov.b32 qoff, qws;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 2048;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 32;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 6144;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 96;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 10240;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_NOISSUE:\n" +
        "cp.async.commit_group;\n" +
        "add.s32 qrs, qrs, 12288;\n" +
        "setp.eq.s32 qp, qrs, 49152;\n" +
        "@qp mov.b32 qrs, 0;\n" +
        "add.s32 qws, qws, 12288;\n" +
        "setp.eq.s32 qp, qws, 49152;\n" +
        "@qp mov.b32 qws, 0;\n" +
        "add.s32 qkt, qkt, 1;\n" +
        "bra.uni QMMA_LOOP;\n" +
        "QMMA_DONE:\n" +
        "wgmma.wait_group.sync.aligned 0;\n" +
        "cp.async.wait_all;\n" +
        "mov.b64 %0, {q0,q1};\n" +
        "mov.b64 %1, {q2,q3};\n" +
        "mov.b64 %2, {q4,q5};\n" +
        "mov.b64 %3, {q6,q7};\n" +
        "mov.b64 %4, {q8,q9};\n" +
        "mov.b64 %5, {q10,q11};\n" +
        "mov.b64 %6, {q12,q13};\n" +
        "mov.b64 %7, {q14,q15};\n" +
        "mov.b64 %8, {q16,q17};\n" +
        "mov.b64 %9, {q18,q19};\n" +
        "mov.b64 %10, {q20,q21};\n" +
        "mov.b64 %11, {q22,q23};\n" +
        "mov.b64 %12, {q24,q25};\n" +
        "mov.b64 %13, {q26,q27};\n" +
        "mov.b64 %14, {q28,q29};\n" +
        "mov.b64 %15, {q30,q31};\n" +
        "mov.b64 %16, {q32,q33};\n" +
        "mov.b64 %17, {q34,q35};\n" +
        "mov.b64 %18, {q36,q37};\n" +
        "mov.b64 %19, {q38,q39};\n" +
        "mov.b64 %20, {q40,q41};\n" +
        "mov.b64 %21, {q42,q43};\n" +
        "mov.b64 %22, {q44,q45};\n" +
        "mov.b64 %23, {q46,q47};\n" +
        "mov.b64 %24, {q48,q49};\n" +
        "mov.b64 %25, {q50,q51};\n" +
        "mov.b64 %26, {q52,q53};\n" +
        "mov.b64 %27, {q54,q55};\n" +
        "mov.b64 %28, {q56,q57};\n" +
        "mov.b64 %29, {q58,q59};\n" +
        "mov.b64 %30, {q60,q61};\n" +
        "mov.b64 %31, {q62,q63};\n" +
        "}\n";

    /// <summary>
    /// The 64 × 128 tile on Hopper's warpgroup MMA: 1 warpgroup(s), each one <c>wgmma.mma_async</c> m64n128k32 per K step
    /// with both operands read from the ring through shared-memory descriptors (64-byte swizzle), K staged 64 codes at a time,
    /// 4 stages. Its PTX needs <c>.target sm_90a</c>: launch it through <c>GpuBackend</c>, which retargets kernels
    /// marked <see cref="HopperKernelAttribute"/>. The accumulators have the <c>mma.sync</c> m16n8 layout (warp w of a warpgroup
    /// holds its rows 16w..16w+15), so the managed twin and the epilogue are those of the other tiles, with 16 × 128 warp tiles.
    /// </summary>
    /// <typeparam name="TEpilogue">Turns each int32 sum into the stored output.</typeparam>
    /// <param name="operands">The packed codes, their addresses and the shape.</param>
    /// <param name="epilogue">Prepared once per block, then called once per pair of adjacent outputs inside [rows × cols].</param>
    [HopperKernel]
    public static void KernelWgmmaRows64Cols128<TEpilogue>(Int8MmaOperands operands, TEpilogue epilogue)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        var tile = SharedMemory.Allocate<int>(12288);
        int rows = operands.Rows, cols = operands.Cols, words = operands.Words;
        if (words < 0)
        {
            // Never taken: on CUDA every access is inline PTX naming the allocation, and this use keeps it alive.
            tile[0] = words;
        }

        int tid = Group.IdxX;
        int warp = tid >> 5;
        int lane = tid & 31;
        int g = lane >> 2;
        int t = lane & 3;
        // Blocks run in launch order: take them in groups of operands.GroupRows row bands, column by column inside a group, so
        // the tiles resident at once read a few bands of A and a slice of B that stay in L2 (row-major order streams
        // all of B for every band).
        int block = (Grid.IdxY * Grid.DimX) + Grid.IdxX;
        int groupRows = IntrinsicMath.Max(operands.GroupRows, 1);
        int blocksPerGroup = groupRows * Grid.DimX;
        int firstBand = (block / blocksPerGroup) * groupRows;
        int bands = IntrinsicMath.Min(Grid.DimY - firstBand, groupRows);
        int inGroup = block - ((block / blocksPerGroup) * blocksPerGroup);
        int row0 = (firstBand + (inGroup % bands)) * 64;
        int col0 = (inGroup / bands) * 128;
        int warpRow = (warp / 1) * 16;
        int warpCol = (warp % 1) * 128;
        int kTiles = (words + 15) / 16;

        // A K split (grid Z > 1, for grids with fewer tiles than SMs): this block multiplies k tiles [kFirst, kEnd) only.
        int kPerSplit = Int8MmaGemm.KTilesPerSplit(kTiles, Grid.DimZ);
        int kFirst = Grid.IdxZ * kPerSplit;
        int kEnd = IntrinsicMath.Min(kFirst + kPerSplit, kTiles);

        // Copy assignment: chunk i of a stage is row tid / 4 + 32·i (of A, then of B), 16-byte chunk tid % 4.
        int loadRow = tid / 4;
        int loadChunk = tid % 4;
        int loadShared = (loadRow * 64) + ((loadChunk ^ ((loadRow >> 1) & 3)) * 16);
        int rowsIn = 0;
        rowsIn |= row0 + loadRow < rows ? 1 : 0;
        rowsIn |= row0 + loadRow + 32 < rows ? 2 : 0;
        rowsIn |= col0 + loadRow < cols ? 4 : 0;
        rowsIn |= col0 + loadRow + 32 < cols ? 8 : 0;
        rowsIn |= col0 + loadRow + 64 < cols ? 16 : 0;
        rowsIn |= col0 + loadRow + 96 < cols ? 32 : 0;

        // ldmatrix row addresses of this lane (byte offsets inside a stage, K step 0; step 1 flips bit 5).
        int aLaneRow = warpRow + (lane & 15);
        int aLane = (aLaneRow * 64) + (((lane >> 4) ^ ((aLaneRow >> 1) & 3)) * 16);
        int bLaneRow = warpCol + (lane & 7) + ((lane >> 4) << 3);
        int bLane = 4096 + (bLaneRow * 64) + ((((lane >> 3) & 1) ^ ((bLaneRow >> 1) & 3)) * 16);
        int c000 = 0, c001 = 0, c002 = 0, c003 = 0;
        int c010 = 0, c011 = 0, c012 = 0, c013 = 0;
        int c020 = 0, c021 = 0, c022 = 0, c023 = 0;
        int c030 = 0, c031 = 0, c032 = 0, c033 = 0;
        int c040 = 0, c041 = 0, c042 = 0, c043 = 0;
        int c050 = 0, c051 = 0, c052 = 0, c053 = 0;
        int c060 = 0, c061 = 0, c062 = 0, c063 = 0;
        int c070 = 0, c071 = 0, c072 = 0, c073 = 0;
        int c080 = 0, c081 = 0, c082 = 0, c083 = 0;
        int c090 = 0, c091 = 0, c092 = 0, c093 = 0;
        int c0100 = 0, c0101 = 0, c0102 = 0, c0103 = 0;
        int c0110 = 0, c0111 = 0, c0112 = 0, c0113 = 0;
        int c0120 = 0, c0121 = 0, c0122 = 0, c0123 = 0;
        int c0130 = 0, c0131 = 0, c0132 = 0, c0133 = 0;
        int c0140 = 0, c0141 = 0, c0142 = 0, c0143 = 0;
        int c0150 = 0, c0151 = 0, c0152 = 0, c0153 = 0;

        if (CudaAsm.IsSupported)
        {
            Output<long> o0 = default;
            Output<long> o1 = default;
            Output<long> o2 = default;
            Output<long> o3 = default;
            Output<long> o4 = default;
            Output<long> o5 = default;
            Output<long> o6 = default;
            Output<long> o7 = default;
            Output<long> o8 = default;
            Output<long> o9 = default;
            Output<long> o10 = default;
            Output<long> o11 = default;
            Output<long> o12 = default;
            Output<long> o13 = default;
            Output<long> o14 = default;
            Output<long> o15 = default;
            Output<long> o16 = default;
            Output<long> o17 = default;
            Output<long> o18 = default;
            Output<long> o19 = default;
            Output<long> o20 = default;
            Output<long> o21 = default;
            Output<long> o22 = default;
            Output<long> o23 = default;
            Output<long> o24 = default;
            Output<long> o25 = default;
            Output<long> o26 = default;
            Output<long> o27 = default;
            Output<long> o28 = default;
            Output<long> o29 = default;
            Output<long> o30 = default;
            Output<long> o31 = default;
            Input<long> aRow = operands.AAddress + ((((long)row0 + loadRow) * words) * 4) + (kFirst * 64) + (loadChunk * 16);
            Input<long> bRow = operands.BAddress + ((((long)col0 + loadRow) * words) * 4) + (kFirst * 64) + (loadChunk * 16);
            Input<long> rowBytes = (long)words * 4;
            Input<long> fallback = operands.AAddress;
            int sharedBase = Int8MmaAsync.SharedBase();
            Input<int> sharedLoad = sharedBase + loadShared;
            Input<int> inside = rowsIn;
            Input<int> kLimit = (words * 4) - (kFirst * 64) - (loadChunk * 16);
            Input<int> tiles = kEnd - kFirst;
            // wgmma: the operands' byte offsets inside a stage, this warpgroup's 64 rows of A and all 128 rows of B.
            Input<int> aLdm = (warp >> 2) * 4096;
            Input<int> bLdm = 4096;
            Input<int> stageBase = sharedBase;
            CudaAsm.EmitRef(
                MainLoopWgmmaRows64Cols128,
                ref o0,
                ref o1,
                ref o2,
                ref o3,
                ref o4,
                ref o5,
                ref o6,
                ref o7,
                ref o8,
                ref o9,
                ref o10,
                ref o11,
                ref o12,
                ref o13,
                ref o14,
                ref o15,
                ref o16,
                ref o17,
                ref o18,
                ref o19,
                ref o20,
                ref o21,
                ref o22,
                ref o23,
                ref o24,
                ref o25,
                ref o26,
                ref o27,
                ref o28,
                ref o29,
                ref o30,
                ref o31,
                ref aRow,
                ref bRow,
                ref rowBytes,
                ref fallback,
                ref sharedLoad,
                ref inside,
                ref kLimit,
                ref tiles,
                ref aLdm,
                ref bLdm,
                ref stageBase);
            c000 = (int)o0.Value;
            c001 = (int)(o0.Value >> 32);
            c002 = (int)o1.Value;
            c003 = (int)(o1.Value >> 32);
            c010 = (int)o2.Value;
            c011 = (int)(o2.Value >> 32);
            c012 = (int)o3.Value;
            c013 = (int)(o3.Value >> 32);
            c020 = (int)o4.Value;
            c021 = (int)(o4.Value >> 32);
            c022 = (int)o5.Value;
            c023 = (int)(o5.Value >> 32);
            c030 = (int)o6.Value;
            c031 = (int)(o6.Value >> 32);
            c032 = (int)o7.Value;
            c033 = (int)(o7.Value >> 32);
            c040 = (int)o8.Value;
            c041 = (int)(o8.Value >> 32);
            c042 = (int)o9.Value;
            c043 = (int)(o9.Value >> 32);
            c050 = (int)o10.Value;
            c051 = (int)(o10.Value >> 32);
            c052 = (int)o11.Value;
            c053 = (int)(o11.Value >> 32);
            c060 = (int)o12.Value;
            c061 = (int)(o12.Value >> 32);
            c062 = (int)o13.Value;
            c063 = (int)(o13.Value >> 32);
            c070 = (int)o14.Value;
            c071 = (int)(o14.Value >> 32);
            c072 = (int)o15.Value;
            c073 = (int)(o15.Value >> 32);
            c080 = (int)o16.Value;
            c081 = (int)(o16.Value >> 32);
            c082 = (int)o17.Value;
            c083 = (int)(o17.Value >> 32);
            c090 = (int)o18.Value;
            c091 = (int)(o18.Value >> 32);
            c092 = (int)o19.Value;
            c093 = (int)(o19.Value >> 32);
            c0100 = (int)o20.Value;
            c0101 = (int)(o20.Value >> 32);
            c0102 = (int)o21.Value;
            c0103 = (int)(o21.Value >> 32);
            c0110 = (int)o22.Value;
            c0111 = (int)(o22.Value >> 32);
            c0112 = (int)o23.Value;
            c0113 = (int)(o23.Value >> 32);
            c0120 = (int)o24.Value;
            c0121 = (int)(o24.Value >> 32);
            c0122 = (int)o25.Value;
            c0123 = (int)(o25.Value >> 32);
            c0130 = (int)o26.Value;
            c0131 = (int)(o26.Value >> 32);
            c0132 = (int)o27.Value;
            c0133 = (int)(o27.Value >> 32);
            c0140 = (int)o28.Value;
            c0141 = (int)(o28.Value >> 32);
            c0142 = (int)o29.Value;
            c0143 = (int)(o29.Value >> 32);
            c0150 = (int)o30.Value;
            c0151 = (int)(o30.Value >> 32);
            c0152 = (int)o31.Value;
            c0153 = (int)(o31.Value >> 32);
        }
        else
        {
            // Managed twin: the same ring, swizzle and fragment layout, one stage at a time (copies are synchronous).
            for (int kt = kFirst; kt < kEnd; kt++)
            {
                int kw = kt * 16;
                int sb = (kt % 4) * 12288;
                Int8MmaAsync.CopyChunk(tile, sb + loadShared, operands.A, ((long)(row0 + loadRow) * words) + kw + (loadChunk * 4), (rowsIn & 1) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 2048, operands.A, ((long)(row0 + loadRow + 32) * words) + kw + (loadChunk * 4), (rowsIn & 2) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 4096, operands.B, ((long)(col0 + loadRow) * words) + kw + (loadChunk * 4), (rowsIn & 4) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 6144, operands.B, ((long)(col0 + loadRow + 32) * words) + kw + (loadChunk * 4), (rowsIn & 8) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 8192, operands.B, ((long)(col0 + loadRow + 64) * words) + kw + (loadChunk * 4), (rowsIn & 16) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 10240, operands.B, ((long)(col0 + loadRow + 96) * words) + kw + (loadChunk * 4), (rowsIn & 32) != 0 && kw + (loadChunk * 4) < words);
                Group.Barrier();
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane), out int s0a00, out int s0a01, out int s0a02, out int s0a03);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane), out int s0b00, out int s0b01, out int s0b10, out int s0b11);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 1024, out int s0b20, out int s0b21, out int s0b30, out int s0b31);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 2048, out int s0b40, out int s0b41, out int s0b50, out int s0b51);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 3072, out int s0b60, out int s0b61, out int s0b70, out int s0b71);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 4096, out int s0b80, out int s0b81, out int s0b90, out int s0b91);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 5120, out int s0b100, out int s0b101, out int s0b110, out int s0b111);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 6144, out int s0b120, out int s0b121, out int s0b130, out int s0b131);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 7168, out int s0b140, out int s0b141, out int s0b150, out int s0b151);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c000, ref c001, ref c002, ref c003, s0a00, s0a01, s0a02, s0a03, s0b00, s0b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c010, ref c011, ref c012, ref c013, s0a00, s0a01, s0a02, s0a03, s0b10, s0b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c020, ref c021, ref c022, ref c023, s0a00, s0a01, s0a02, s0a03, s0b20, s0b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c030, ref c031, ref c032, ref c033, s0a00, s0a01, s0a02, s0a03, s0b30, s0b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c040, ref c041, ref c042, ref c043, s0a00, s0a01, s0a02, s0a03, s0b40, s0b41);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c050, ref c051, ref c052, ref c053, s0a00, s0a01, s0a02, s0a03, s0b50, s0b51);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c060, ref c061, ref c062, ref c063, s0a00, s0a01, s0a02, s0a03, s0b60, s0b61);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c070, ref c071, ref c072, ref c073, s0a00, s0a01, s0a02, s0a03, s0b70, s0b71);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c080, ref c081, ref c082, ref c083, s0a00, s0a01, s0a02, s0a03, s0b80, s0b81);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c090, ref c091, ref c092, ref c093, s0a00, s0a01, s0a02, s0a03, s0b90, s0b91);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0100, ref c0101, ref c0102, ref c0103, s0a00, s0a01, s0a02, s0a03, s0b100, s0b101);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0110, ref c0111, ref c0112, ref c0113, s0a00, s0a01, s0a02, s0a03, s0b110, s0b111);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0120, ref c0121, ref c0122, ref c0123, s0a00, s0a01, s0a02, s0a03, s0b120, s0b121);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0130, ref c0131, ref c0132, ref c0133, s0a00, s0a01, s0a02, s0a03, s0b130, s0b131);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0140, ref c0141, ref c0142, ref c0143, s0a00, s0a01, s0a02, s0a03, s0b140, s0b141);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0150, ref c0151, ref c0152, ref c0153, s0a00, s0a01, s0a02, s0a03, s0b150, s0b151);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane ^ 32), out int s1a00, out int s1a01, out int s1a02, out int s1a03);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32), out int s1b00, out int s1b01, out int s1b10, out int s1b11);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 1024, out int s1b20, out int s1b21, out int s1b30, out int s1b31);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 2048, out int s1b40, out int s1b41, out int s1b50, out int s1b51);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 3072, out int s1b60, out int s1b61, out int s1b70, out int s1b71);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 4096, out int s1b80, out int s1b81, out int s1b90, out int s1b91);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 5120, out int s1b100, out int s1b101, out int s1b110, out int s1b111);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 6144, out int s1b120, out int s1b121, out int s1b130, out int s1b131);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 7168, out int s1b140, out int s1b141, out int s1b150, out int s1b151);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c000, ref c001, ref c002, ref c003, s1a00, s1a01, s1a02, s1a03, s1b00, s1b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c010, ref c011, ref c012, ref c013, s1a00, s1a01, s1a02, s1a03, s1b10, s1b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c020, ref c021, ref c022, ref c023, s1a00, s1a01, s1a02, s1a03, s1b20, s1b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c030, ref c031, ref c032, ref c033, s1a00, s1a01, s1a02, s1a03, s1b30, s1b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c040, ref c041, ref c042, ref c043, s1a00, s1a01, s1a02, s1a03, s1b40, s1b41);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c050, ref c051, ref c052, ref c053, s1a00, s1a01, s1a02, s1a03, s1b50, s1b51);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c060, ref c061, ref c062, ref c063, s1a00, s1a01, s1a02, s1a03, s1b60, s1b61);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c070, ref c071, ref c072, ref c073, s1a00, s1a01, s1a02, s1a03, s1b70, s1b71);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c080, ref c081, ref c082, ref c083, s1a00, s1a01, s1a02, s1a03, s1b80, s1b81);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c090, ref c091, ref c092, ref c093, s1a00, s1a01, s1a02, s1a03, s1b90, s1b91);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0100, ref c0101, ref c0102, ref c0103, s1a00, s1a01, s1a02, s1a03, s1b100, s1b101);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0110, ref c0111, ref c0112, ref c0113, s1a00, s1a01, s1a02, s1a03, s1b110, s1b111);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0120, ref c0121, ref c0122, ref c0123, s1a00, s1a01, s1a02, s1a03, s1b120, s1b121);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0130, ref c0131, ref c0132, ref c0133, s1a00, s1a01, s1a02, s1a03, s1b130, s1b131);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0140, ref c0141, ref c0142, ref c0143, s1a00, s1a01, s1a02, s1a03, s1b140, s1b141);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0150, ref c0151, ref c0152, ref c0153, s1a00, s1a01, s1a02, s1a03, s1b150, s1b151);
                Group.Barrier();
            }
        }


        int rowBase = row0 + warpRow + g;
        int colBase = col0 + warpCol + (2 * t);
        if (Grid.DimZ > 1)
        {
            // The sums are partial: add them into the workspace. The tile's last block to finish takes the totals (leaving
            // the workspace zero) and runs the epilogue; the others are done.
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c000, c001, c002, c003, rowBase, colBase);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c010, c011, c012, c013, rowBase, colBase + 8);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c020, c021, c022, c023, rowBase, colBase + 16);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c030, c031, c032, c033, rowBase, colBase + 24);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c040, c041, c042, c043, rowBase, colBase + 32);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c050, c051, c052, c053, rowBase, colBase + 40);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c060, c061, c062, c063, rowBase, colBase + 48);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c070, c071, c072, c073, rowBase, colBase + 56);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c080, c081, c082, c083, rowBase, colBase + 64);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c090, c091, c092, c093, rowBase, colBase + 72);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0100, c0101, c0102, c0103, rowBase, colBase + 80);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0110, c0111, c0112, c0113, rowBase, colBase + 88);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0120, c0121, c0122, c0123, rowBase, colBase + 96);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0130, c0131, c0132, c0133, rowBase, colBase + 104);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0140, c0141, c0142, c0143, rowBase, colBase + 112);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0150, c0151, c0152, c0153, rowBase, colBase + 120);
            if (!Int8SplitK.IsLastOfTile(operands.SplitTickets, tile, block))
            {
                return;
            }

            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c000, ref c001, ref c002, ref c003, rowBase, colBase);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c010, ref c011, ref c012, ref c013, rowBase, colBase + 8);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c020, ref c021, ref c022, ref c023, rowBase, colBase + 16);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c030, ref c031, ref c032, ref c033, rowBase, colBase + 24);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c040, ref c041, ref c042, ref c043, rowBase, colBase + 32);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c050, ref c051, ref c052, ref c053, rowBase, colBase + 40);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c060, ref c061, ref c062, ref c063, rowBase, colBase + 48);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c070, ref c071, ref c072, ref c073, rowBase, colBase + 56);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c080, ref c081, ref c082, ref c083, rowBase, colBase + 64);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c090, ref c091, ref c092, ref c093, rowBase, colBase + 72);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0100, ref c0101, ref c0102, ref c0103, rowBase, colBase + 80);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0110, ref c0111, ref c0112, ref c0113, rowBase, colBase + 88);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0120, ref c0121, ref c0122, ref c0123, rowBase, colBase + 96);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0130, ref c0131, ref c0132, ref c0133, rowBase, colBase + 104);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0140, ref c0141, ref c0142, ref c0143, rowBase, colBase + 112);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0150, ref c0151, ref c0152, ref c0153, rowBase, colBase + 120);
        }

        // The ring is free now: the epilogue may stage what the tile's outputs read (scales, outlier columns).
        epilogue.Prepare(tile, row0, col0, 64, 128, rows, cols);
        StoreQuad(epilogue, c000, c001, c002, c003, rowBase, colBase, rows, cols);
        StoreQuad(epilogue, c010, c011, c012, c013, rowBase, colBase + 8, rows, cols);
        StoreQuad(epilogue, c020, c021, c022, c023, rowBase, colBase + 16, rows, cols);
        StoreQuad(epilogue, c030, c031, c032, c033, rowBase, colBase + 24, rows, cols);
        StoreQuad(epilogue, c040, c041, c042, c043, rowBase, colBase + 32, rows, cols);
        StoreQuad(epilogue, c050, c051, c052, c053, rowBase, colBase + 40, rows, cols);
        StoreQuad(epilogue, c060, c061, c062, c063, rowBase, colBase + 48, rows, cols);
        StoreQuad(epilogue, c070, c071, c072, c073, rowBase, colBase + 56, rows, cols);
        StoreQuad(epilogue, c080, c081, c082, c083, rowBase, colBase + 64, rows, cols);
        StoreQuad(epilogue, c090, c091, c092, c093, rowBase, colBase + 72, rows, cols);
        StoreQuad(epilogue, c0100, c0101, c0102, c0103, rowBase, colBase + 80, rows, cols);
        StoreQuad(epilogue, c0110, c0111, c0112, c0113, rowBase, colBase + 88, rows, cols);
        StoreQuad(epilogue, c0120, c0121, c0122, c0123, rowBase, colBase + 96, rows, cols);
        StoreQuad(epilogue, c0130, c0131, c0132, c0133, rowBase, colBase + 104, rows, cols);
        StoreQuad(epilogue, c0140, c0141, c0142, c0143, rowBase, colBase + 112, rows, cols);
        StoreQuad(epilogue, c0150, c0151, c0152, c0153, rowBase, colBase + 120, rows, cols);
    }

    private const string MainLoopWgmmaRows128Cols256 =
        "{\n" +
        ".reg .pred qp, qv, qc;\n" +
        ".reg .b32 q<128>;\n" +
        ".reg .b64 qda, qdb;\n" +
        ".reg .b32 qkt, qn, qrs, qws, qsz, qt, qx, qd, qdst, qok, qsw, qkl, qal, qbl, qal1, qbl1, qbase, qoff, qbit, qy;\n" +
        ".reg .b64 qga, qgb, qstep, qfb, qxb, qsrc, qrow;\n" +
        "mov.b64 qga, %0;\n" +
        "mov.b64 qgb, %1;\n" +
        "mov.b64 qstep, %2;\n" +
        "mov.b64 qfb, %3;\n" +
        "mov.b32 qsw, %4;\n" +
        "mov.b32 qok, %5;\n" +
        "mov.b32 qkl, %6;\n" +
        "mov.b32 qn, %7;\n" +
        "mov.b32 qal, %8;\n" +
        "mov.b32 qbl, %9;\n" +
        "mov.b32 qbase, %10;\n" +
        ".reg .pred qsd;\n" +
        "mov.b32 qx, 1;\n" +
        "setp.ne.b32 qsd, qx, 0;\n" +
        "xor.b32 qal1, qal, 32;\n" +
        "xor.b32 qbl1, qbl, 32;\n" +
        "mov.b32 q0, 0;\n" +
        "mov.b32 q1, 0;\n" +
        "mov.b32 q2, 0;\n" +
        "mov.b32 q3, 0;\n" +
        "mov.b32 q4, 0;\n" +
        "mov.b32 q5, 0;\n" +
        "mov.b32 q6, 0;\n" +
        "mov.b32 q7, 0;\n" +
        "mov.b32 q8, 0;\n" +
        "mov.b32 q9, 0;\n" +
        "mov.b32 q10, 0;\n" +
        "mov.b32 q11, 0;\n" +
        "mov.b32 q12, 0;\n" +
        "mov.b32 q13, 0;\n" +
        "mov.b32 q14, 0;\n" +
        "mov.b32 q15, 0;\n" +
        "mov.b32 q16, 0;\n" +
        "mov.b32 q17, 0;\n" +
        "mov.b32 q18, 0;\n" +
        "mov.b32 q19, 0;\n" +
        "mov.b32 q20, 0;\n" +
        "mov.b32 q21, 0;\n" +
        "mov.b32 q22, 0;\n" +
        "mov.b32 q23, 0;\n" +
        "mov.b32 q24, 0;\n" +
        "mov.b32 q25, 0;\n" +
        "mov.b32 q26, 0;\n" +
        "mov.b32 q27, 0;\n" +
        "mov.b32 q28, 0;\n" +
        "mov.b32 q29, 0;\n" +
        "mov.b32 q30, 0;\n" +
        "mov.b32 q31, 0;\n" +
        "mov.b32 q32, 0;\n" +
        "mov.b32 q33, 0;\n" +
        "mov.b32 q34, 0;\n" +
        "mov.b32 q35, 0;\n" +
        "mov.b32 q36, 0;\n" +
        "mov.b32 q37, 0;\n" +
        "mov.b32 q38, 0;\n" +
        "mov.b32 q39, 0;\n" +
        "mov.b32 q40, 0;\n" +
        "mov.b32 q41, 0;\n" +
        "mov.b32 q42, 0;\n" +
        "mov.b32 q43, 0;\n" +
        "mov.b32 q44, 0;\n" +
        "mov.b32 q45, 0;\n" +
        "mov.b32 q46, 0;\n" +
        "mov.b32 q47, 0;\n" +
        "mov.b32 q48, 0;\n" +
        "mov.b32 q49, 0;\n" +
        "mov.b32 q50, 0;\n" +
        "mov.b32 q51, 0;\n" +
        "mov.b32 q52, 0;\n" +
        "mov.b32 q53, 0;\n" +
        "mov.b32 q54, 0;\n" +
        "mov.b32 q55, 0;\n" +
        "mov.b32 q56, 0;\n" +
        "mov.b32 q57, 0;\n" +
        "mov.b32 q58, 0;\n" +
        "mov.b32 q59, 0;\n" +
        "mov.b32 q60, 0;\n" +
        "mov.b32 q61, 0;\n" +
        "mov.b32 q62, 0;\n" +
        "mov.b32 q63, 0;\n" +
        "mov.b32 q64, 0;\n" +
        "mov.b32 q65, 0;\n" +
        "mov.b32 q66, 0;\n" +
        "mov.b32 q67, 0;\n" +
        "mov.b32 q68, 0;\n" +
        "mov.b32 q69, 0;\n" +
        "mov.b32 q70, 0;\n" +
        "mov.b32 q71, 0;\n" +
        "mov.b32 q72, 0;\n" +
        "mov.b32 q73, 0;\n" +
        "mov.b32 q74, 0;\n" +
        "mov.b32 q75, 0;\n" +
        "mov.b32 q76, 0;\n" +
        "mov.b32 q77, 0;\n" +
        "mov.b32 q78, 0;\n" +
        "mov.b32 q79, 0;\n" +
        "mov.b32 q80, 0;\n" +
        "mov.b32 q81, 0;\n" +
        "mov.b32 q82, 0;\n" +
        "mov.b32 q83, 0;\n" +
        "mov.b32 q84, 0;\n" +
        "mov.b32 q85, 0;\n" +
        "mov.b32 q86, 0;\n" +
        "mov.b32 q87, 0;\n" +
        "mov.b32 q88, 0;\n" +
        "mov.b32 q89, 0;\n" +
        "mov.b32 q90, 0;\n" +
        "mov.b32 q91, 0;\n" +
        "mov.b32 q92, 0;\n" +
        "mov.b32 q93, 0;\n" +
        "mov.b32 q94, 0;\n" +
        "mov.b32 q95, 0;\n" +
        "mov.b32 q96, 0;\n" +
        "mov.b32 q97, 0;\n" +
        "mov.b32 q98, 0;\n" +
        "mov.b32 q99, 0;\n" +
        "mov.b32 q100, 0;\n" +
        "mov.b32 q101, 0;\n" +
        "mov.b32 q102, 0;\n" +
        "mov.b32 q103, 0;\n" +
        "mov.b32 q104, 0;\n" +
        "mov.b32 q105, 0;\n" +
        "mov.b32 q106, 0;\n" +
        "mov.b32 q107, 0;\n" +
        "mov.b32 q108, 0;\n" +
        "mov.b32 q109, 0;\n" +
        "mov.b32 q110, 0;\n" +
        "mov.b32 q111, 0;\n" +
        "mov.b32 q112, 0;\n" +
        "mov.b32 q113, 0;\n" +
        "mov.b32 q114, 0;\n" +
        "mov.b32 q115, 0;\n" +
        "mov.b32 q116, 0;\n" +
        "mov.b32 q117, 0;\n" +
        "mov.b32 q118, 0;\n" +
        "mov.b32 q119, 0;\n" +
        "mov.b32 q120, 0;\n" +
        "mov.b32 q121, 0;\n" +
        "mov.b32 q122, 0;\n" +
        "mov.b32 q123, 0;\n" +
        "mov.b32 q124, 0;\n" +
        "mov.b32 q125, 0;\n" +
        "mov.b32 q126, 0;\n" +
        "mov.b32 q127, 0;\n" +
        "setp.le.s32 qp, qn, 0;\n" +
        "@qp bra QMMA_SKIP0;\n" +
        "mov.b32 qt, 0;\n" +
        "mov.b32 qoff, 0;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 12288;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 128;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 16384;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 192;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 20480;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP0:\n" +
        "cp.async.commit_group;\n" +
        "setp.le.s32 qp, qn, 1;\n" +
        "@qp bra QMMA_SKIP1;\n" +
        "mov.b32 qt, 1;\n" +
        "mov.b32 qoff, 24576;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 12288;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 128;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 16384;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 192;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 20480;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP1:\n" +
        "cp.async.commit_group;\n" +
        "setp.le.s32 qp, qn, 2;\n" +
        "@qp bra QMMA_SKIP2;\n" +
        "mov.b32 qt, 2;\n" +
        "mov.b32 qoff, 49152;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 12288;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 128;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 16384;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 192;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 20480;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP2:\n" +
        "cp.async.commit_group;\n" +
        "setp.le.s32 qp, qn, 3;\n" +
        "@qp bra QMMA_SKIP3;\n" +
        "mov.b32 qt, 3;\n" +
        "mov.b32 qoff, 73728;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 12288;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 128;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 16384;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 192;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 20480;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP3:\n" +
        "cp.async.commit_group;\n" +
        "setp.le.s32 qp, qn, 4;\n" +
        "@qp bra QMMA_SKIP4;\n" +
        "mov.b32 qt, 4;\n" +
        "mov.b32 qoff, 98304;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 12288;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 128;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 16384;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 192;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 20480;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_SKIP4:\n" +
        "cp.async.commit_group;\n" +
        "mov.b32 qkt, 0;\n" +
        "mov.b32 qrs, 0;\n" +
        "mov.b32 qws, 122880;\n" +
        "QMMA_LOOP:\n" +
        "setp.ge.s32 qp, qkt, qn;\n" +
        "@qp bra QMMA_DONE;\n" +
        "cp.async.wait_group 4;\n" +
        "wgmma.wait_group.sync.aligned 0;\n" +
        "fence.proxy.async.shared::cta;\n" +
        "bar.sync 0;\n" +
        "add.u32 qy, qbase, qrs;\n" +
        "add.u32 qx, qy, qal;\n" +
        "shr.u32 qx, qx, 4;\n" +
        "and.b32 qx, qx, 16383;\n" +
        "cvt.u64.u32 qda, qx;\n" +
        "or.b64 qda, qda, 0x8000002000010000;\n" +
        "add.u32 qx, qy, qbl;\n" +
        "shr.u32 qx, qx, 4;\n" +
        "and.b32 qx, qx, 16383;\n" +
        "cvt.u64.u32 qdb, qx;\n" +
        "or.b64 qdb, qdb, 0x8000002000010000;\n" +
        "wgmma.fence.sync.aligned;\n" +
        "wgmma.mma_async.sync.aligned.m64n256k32.s32.s8.s8 {q0,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13,q14,q15,q16,q17,q18,q19,q20,q21,q22,q23,q24,q25,q26,q27,q28,q29,q30,q31,q32,q33,q34,q35,q36,q37,q38,q39,q40,q41,q42,q43,q44,q45,q46,q47,q48,q49,q50,q51,q52,q53,q54,q55,q56,q57,q58,q59,q60,q61,q62,q63,q64,q65,q66,q67,q68,q69,q70,q71,q72,q73,q74,q75,q76,q77,q78,q79,q80,q81,q82,q83,q84,q85,q86,q87,q88,q89,q90,q91,q92,q93,q94,q95,q96,q97,q98,q99,q100,q101,q102,q103,q104,q105,q106,q107,q108,q109,q110,q111,q112,q113,q114,q115,q116,q117,q118,q119,q120,q121,q122,q123,q124,q125,q126,q127}, qda, qdb, qsd;\n" +
        "add.s64 qda, qda, 2;\n" +
        "add.s64 qdb, qdb, 2;\n" +
        "wgmma.mma_async.sync.aligned.m64n256k32.s32.s8.s8 {q0,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13,q14,q15,q16,q17,q18,q19,q20,q21,q22,q23,q24,q25,q26,q27,q28,q29,q30,q31,q32,q33,q34,q35,q36,q37,q38,q39,q40,q41,q42,q43,q44,q45,q46,q47,q48,q49,q50,q51,q52,q53,q54,q55,q56,q57,q58,q59,q60,q61,q62,q63,q64,q65,q66,q67,q68,q69,q70,q71,q72,q73,q74,q75,q76,q77,q78,q79,q80,q81,q82,q83,q84,q85,q86,q87,q88,q89,q90,q91,q92,q93,q94,q95,q96,q97,q98,q99,q100,q101,q102,q103,q104,q105,q106,q107,q108,q109,q110,q111,q112,q113,q114,q115,q116,q117,q118,q119,q120,q121,q122,q123,q124,q125,q126,q127}, qda, qdb, qsd;\n" +
        "wgmma.commit_group.sync.aligned;\n" +
        "add.s32 qt, qkt, 5;\n" +
        "setp.ge.s32 qp, qt, qn;\n" +
        "@qp bra QMMA_NOISSUE;\n" +
        "mov.b32 qoff, qws;\n" +
        "shl.b32 qx, qt, 6;\n" +
        "setp.lt.s32 qv, qx, qkl;\n" +
        "cvt.u64.u32 qxb, qx;\n" +
        "add.u32 qd, qsw, qoff;\n" +
        "and.b32 qbit, qok, 1;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qga, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "cp.async.cg.shared.global [qd], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 2;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qga, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 4096;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 4;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "add.u64 qsrc, qgb, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 8192;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 8;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 64;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 12288;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 16;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 128;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 16384;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "and.b32 qbit, qok, 32;\n" +
        "setp.ne.and.b32 qc, qbit, 0, qv;\n" +
        "selp.b32 qsz, 16, 0, qc;\n" +
        "mul.lo.u64 qrow, qstep, 192;\n" +
        "add.u64 qsrc, qgb, qrow;\n" +
        "add.u64 qsrc, qsrc, qxb;\n" +
        "selp.b64 qsrc, qsrc, qfb, qc;\n" +
        "add.u32 qdst, qd, 20480;\n" +
        "cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;\n" +
        "QMMA_NOISSUE:\n" +
        "cp.async.commit_group;\n" +
        "add.s32 qrs, qrs, 24576;\n" +
        "setp.eq.s32 qp, qrs, 147456;\n" +
        "@qp mov.b32 qrs, 0;\n" +
        "add.s32 qws, qws, 24576;\n" +
        "setp.eq.s32 qp, qws, 147456;\n" +
        "@qp mov.b32 qws, 0;\n" +
        "add.s32 qkt, qkt, 1;\n" +
        "bra.uni QMMA_LOOP;\n" +
        "QMMA_DONE:\n" +
        "wgmma.wait_group.sync.aligned 0;\n" +
        "cp.async.wait_all;\n" +
        ".reg .b32 qdump;\n" +
        "mov.b32 qdump, %11;\n" +
        "bar.sync 0;\n" +
        "st.shared.v4.b32 [qdump + 0], {q0,q1,q2,q3};\n" +
        "st.shared.v4.b32 [qdump + 4096], {q4,q5,q6,q7};\n" +
        "st.shared.v4.b32 [qdump + 8192], {q8,q9,q10,q11};\n" +
        "st.shared.v4.b32 [qdump + 12288], {q12,q13,q14,q15};\n" +
        "st.shared.v4.b32 [qdump + 16384], {q16,q17,q18,q19};\n" +
        "st.shared.v4.b32 [qdump + 20480], {q20,q21,q22,q23};\n" +
        "st.shared.v4.b32 [qdump + 24576], {q24,q25,q26,q27};\n" +
        "st.shared.v4.b32 [qdump + 28672], {q28,q29,q30,q31};\n" +
        "st.shared.v4.b32 [qdump + 32768], {q32,q33,q34,q35};\n" +
        "st.shared.v4.b32 [qdump + 36864], {q36,q37,q38,q39};\n" +
        "st.shared.v4.b32 [qdump + 40960], {q40,q41,q42,q43};\n" +
        "st.shared.v4.b32 [qdump + 45056], {q44,q45,q46,q47};\n" +
        "st.shared.v4.b32 [qdump + 49152], {q48,q49,q50,q51};\n" +
        "st.shared.v4.b32 [qdump + 53248], {q52,q53,q54,q55};\n" +
        "st.shared.v4.b32 [qdump + 57344], {q56,q57,q58,q59};\n" +
        "st.shared.v4.b32 [qdump + 61440], {q60,q61,q62,q63};\n" +
        "st.shared.v4.b32 [qdump + 65536], {q64,q65,q66,q67};\n" +
        "st.shared.v4.b32 [qdump + 69632], {q68,q69,q70,q71};\n" +
        "st.shared.v4.b32 [qdump + 73728], {q72,q73,q74,q75};\n" +
        "st.shared.v4.b32 [qdump + 77824], {q76,q77,q78,q79};\n" +
        "st.shared.v4.b32 [qdump + 81920], {q80,q81,q82,q83};\n" +
        "st.shared.v4.b32 [qdump + 86016], {q84,q85,q86,q87};\n" +
        "st.shared.v4.b32 [qdump + 90112], {q88,q89,q90,q91};\n" +
        "st.shared.v4.b32 [qdump + 94208], {q92,q93,q94,q95};\n" +
        "st.shared.v4.b32 [qdump + 98304], {q96,q97,q98,q99};\n" +
        "st.shared.v4.b32 [qdump + 102400], {q100,q101,q102,q103};\n" +
        "st.shared.v4.b32 [qdump + 106496], {q104,q105,q106,q107};\n" +
        "st.shared.v4.b32 [qdump + 110592], {q108,q109,q110,q111};\n" +
        "st.shared.v4.b32 [qdump + 114688], {q112,q113,q114,q115};\n" +
        "st.shared.v4.b32 [qdump + 118784], {q116,q117,q118,q119};\n" +
        "st.shared.v4.b32 [qdump + 122880], {q120,q121,q122,q123};\n" +
        "st.shared.v4.b32 [qdump + 126976], {q124,q125,q126,q127};\n" +
        "}\n";

    /// <summary>
    /// The 128 × 256 tile on Hopper's warpgroup MMA: 2 warpgroup(s), each one <c>wgmma.mma_async</c> m64n256k32 per K step
    /// with both operands read from the ring through shared-memory descriptors (64-byte swizzle), K staged 64 codes at a time,
    /// 6 stages. Its PTX needs <c>.target sm_90a</c>: launch it through <c>GpuBackend</c>, which retargets kernels
    /// marked <see cref="HopperKernelAttribute"/>. The accumulators have the <c>mma.sync</c> m16n8 layout (warp w of a warpgroup
    /// holds its rows 16w..16w+15), so the managed twin and the epilogue are those of the other tiles, with 16 × 256 warp tiles.
    /// </summary>
    /// <typeparam name="TEpilogue">Turns each int32 sum into the stored output.</typeparam>
    /// <param name="operands">The packed codes, their addresses and the shape.</param>
    /// <param name="epilogue">Prepared once per block, then called once per pair of adjacent outputs inside [rows × cols].</param>
    [HopperKernel(DynamicSharedBytes = 147456)]
    public static void KernelWgmmaRows128Cols256<TEpilogue>(Int8MmaOperands operands, TEpilogue epilogue)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        // The ring (144 KB) is the launch's dynamic shared memory (Config requests it; the loader raises the 48 KB default).
        var tile = SharedMemory.GetDynamic<int>();
        int rows = operands.Rows, cols = operands.Cols, words = operands.Words;
        if (words < 0)
        {
            // Never taken: on CUDA every access is inline PTX naming the allocation, and this use keeps it alive.
            tile[0] = words;
        }

        int tid = Group.IdxX;
        int warp = tid >> 5;
        int lane = tid & 31;
        int g = lane >> 2;
        int t = lane & 3;
        // Blocks run in launch order: take them in groups of operands.GroupRows row bands, column by column inside a group, so
        // the tiles resident at once read a few bands of A and a slice of B that stay in L2 (row-major order streams
        // all of B for every band).
        int block = (Grid.IdxY * Grid.DimX) + Grid.IdxX;
        int groupRows = IntrinsicMath.Max(operands.GroupRows, 1);
        int blocksPerGroup = groupRows * Grid.DimX;
        int firstBand = (block / blocksPerGroup) * groupRows;
        int bands = IntrinsicMath.Min(Grid.DimY - firstBand, groupRows);
        int inGroup = block - ((block / blocksPerGroup) * blocksPerGroup);
        int row0 = (firstBand + (inGroup % bands)) * 128;
        int col0 = (inGroup / bands) * 256;
        int warpRow = (warp / 1) * 16;
        int warpCol = (warp % 1) * 256;
        int kTiles = (words + 15) / 16;

        // A K split (grid Z > 1, for grids with fewer tiles than SMs): this block multiplies k tiles [kFirst, kEnd) only.
        int kPerSplit = Int8MmaGemm.KTilesPerSplit(kTiles, Grid.DimZ);
        int kFirst = Grid.IdxZ * kPerSplit;
        int kEnd = IntrinsicMath.Min(kFirst + kPerSplit, kTiles);

        // Copy assignment: chunk i of a stage is row tid / 4 + 64·i (of A, then of B), 16-byte chunk tid % 4.
        int loadRow = tid / 4;
        int loadChunk = tid % 4;
        int loadShared = (loadRow * 64) + ((loadChunk ^ ((loadRow >> 1) & 3)) * 16);
        int rowsIn = 0;
        rowsIn |= row0 + loadRow < rows ? 1 : 0;
        rowsIn |= row0 + loadRow + 64 < rows ? 2 : 0;
        rowsIn |= col0 + loadRow < cols ? 4 : 0;
        rowsIn |= col0 + loadRow + 64 < cols ? 8 : 0;
        rowsIn |= col0 + loadRow + 128 < cols ? 16 : 0;
        rowsIn |= col0 + loadRow + 192 < cols ? 32 : 0;

        // ldmatrix row addresses of this lane (byte offsets inside a stage, K step 0; step 1 flips bit 5).
        int aLaneRow = warpRow + (lane & 15);
        int aLane = (aLaneRow * 64) + (((lane >> 4) ^ ((aLaneRow >> 1) & 3)) * 16);
        int bLaneRow = warpCol + (lane & 7) + ((lane >> 4) << 3);
        int bLane = 8192 + (bLaneRow * 64) + ((((lane >> 3) & 1) ^ ((bLaneRow >> 1) & 3)) * 16);
        int c000 = 0, c001 = 0, c002 = 0, c003 = 0;
        int c010 = 0, c011 = 0, c012 = 0, c013 = 0;
        int c020 = 0, c021 = 0, c022 = 0, c023 = 0;
        int c030 = 0, c031 = 0, c032 = 0, c033 = 0;
        int c040 = 0, c041 = 0, c042 = 0, c043 = 0;
        int c050 = 0, c051 = 0, c052 = 0, c053 = 0;
        int c060 = 0, c061 = 0, c062 = 0, c063 = 0;
        int c070 = 0, c071 = 0, c072 = 0, c073 = 0;
        int c080 = 0, c081 = 0, c082 = 0, c083 = 0;
        int c090 = 0, c091 = 0, c092 = 0, c093 = 0;
        int c0100 = 0, c0101 = 0, c0102 = 0, c0103 = 0;
        int c0110 = 0, c0111 = 0, c0112 = 0, c0113 = 0;
        int c0120 = 0, c0121 = 0, c0122 = 0, c0123 = 0;
        int c0130 = 0, c0131 = 0, c0132 = 0, c0133 = 0;
        int c0140 = 0, c0141 = 0, c0142 = 0, c0143 = 0;
        int c0150 = 0, c0151 = 0, c0152 = 0, c0153 = 0;
        int c0160 = 0, c0161 = 0, c0162 = 0, c0163 = 0;
        int c0170 = 0, c0171 = 0, c0172 = 0, c0173 = 0;
        int c0180 = 0, c0181 = 0, c0182 = 0, c0183 = 0;
        int c0190 = 0, c0191 = 0, c0192 = 0, c0193 = 0;
        int c0200 = 0, c0201 = 0, c0202 = 0, c0203 = 0;
        int c0210 = 0, c0211 = 0, c0212 = 0, c0213 = 0;
        int c0220 = 0, c0221 = 0, c0222 = 0, c0223 = 0;
        int c0230 = 0, c0231 = 0, c0232 = 0, c0233 = 0;
        int c0240 = 0, c0241 = 0, c0242 = 0, c0243 = 0;
        int c0250 = 0, c0251 = 0, c0252 = 0, c0253 = 0;
        int c0260 = 0, c0261 = 0, c0262 = 0, c0263 = 0;
        int c0270 = 0, c0271 = 0, c0272 = 0, c0273 = 0;
        int c0280 = 0, c0281 = 0, c0282 = 0, c0283 = 0;
        int c0290 = 0, c0291 = 0, c0292 = 0, c0293 = 0;
        int c0300 = 0, c0301 = 0, c0302 = 0, c0303 = 0;
        int c0310 = 0, c0311 = 0, c0312 = 0, c0313 = 0;

        if (CudaAsm.IsSupported)
        {
            Input<long> aRow = operands.AAddress + ((((long)row0 + loadRow) * words) * 4) + (kFirst * 64) + (loadChunk * 16);
            Input<long> bRow = operands.BAddress + ((((long)col0 + loadRow) * words) * 4) + (kFirst * 64) + (loadChunk * 16);
            Input<long> rowBytes = (long)words * 4;
            Input<long> fallback = operands.AAddress;
            int sharedBase = Int8MmaAsync.DynamicSharedBase();
            Input<int> sharedLoad = sharedBase + loadShared;
            Input<int> inside = rowsIn;
            Input<int> kLimit = (words * 4) - (kFirst * 64) - (loadChunk * 16);
            Input<int> tiles = kEnd - kFirst;
            // wgmma: the operands' byte offsets inside a stage, this warpgroup's 64 rows of A and all 256 rows of B.
            Input<int> aLdm = (warp >> 2) * 4096;
            Input<int> bLdm = 8192;
            Input<int> stageBase = sharedBase;
            Input<int> dumpAt = sharedBase + (tid * 16);
            CudaAsm.EmitRef(
                MainLoopWgmmaRows128Cols256,
                ref aRow,
                ref bRow,
                ref rowBytes,
                ref fallback,
                ref sharedLoad,
                ref inside,
                ref kLimit,
                ref tiles,
                ref aLdm,
                ref bLdm,
                ref stageBase,
                ref dumpAt);
            // The accumulators the PTX block left in the ring: quad p of this thread at word 4·(256·p + tid).
            c000 = tile[0 + (tid * 4)];
            c001 = tile[1 + (tid * 4)];
            c002 = tile[2 + (tid * 4)];
            c003 = tile[3 + (tid * 4)];
            c010 = tile[1024 + (tid * 4)];
            c011 = tile[1025 + (tid * 4)];
            c012 = tile[1026 + (tid * 4)];
            c013 = tile[1027 + (tid * 4)];
            c020 = tile[2048 + (tid * 4)];
            c021 = tile[2049 + (tid * 4)];
            c022 = tile[2050 + (tid * 4)];
            c023 = tile[2051 + (tid * 4)];
            c030 = tile[3072 + (tid * 4)];
            c031 = tile[3073 + (tid * 4)];
            c032 = tile[3074 + (tid * 4)];
            c033 = tile[3075 + (tid * 4)];
            c040 = tile[4096 + (tid * 4)];
            c041 = tile[4097 + (tid * 4)];
            c042 = tile[4098 + (tid * 4)];
            c043 = tile[4099 + (tid * 4)];
            c050 = tile[5120 + (tid * 4)];
            c051 = tile[5121 + (tid * 4)];
            c052 = tile[5122 + (tid * 4)];
            c053 = tile[5123 + (tid * 4)];
            c060 = tile[6144 + (tid * 4)];
            c061 = tile[6145 + (tid * 4)];
            c062 = tile[6146 + (tid * 4)];
            c063 = tile[6147 + (tid * 4)];
            c070 = tile[7168 + (tid * 4)];
            c071 = tile[7169 + (tid * 4)];
            c072 = tile[7170 + (tid * 4)];
            c073 = tile[7171 + (tid * 4)];
            c080 = tile[8192 + (tid * 4)];
            c081 = tile[8193 + (tid * 4)];
            c082 = tile[8194 + (tid * 4)];
            c083 = tile[8195 + (tid * 4)];
            c090 = tile[9216 + (tid * 4)];
            c091 = tile[9217 + (tid * 4)];
            c092 = tile[9218 + (tid * 4)];
            c093 = tile[9219 + (tid * 4)];
            c0100 = tile[10240 + (tid * 4)];
            c0101 = tile[10241 + (tid * 4)];
            c0102 = tile[10242 + (tid * 4)];
            c0103 = tile[10243 + (tid * 4)];
            c0110 = tile[11264 + (tid * 4)];
            c0111 = tile[11265 + (tid * 4)];
            c0112 = tile[11266 + (tid * 4)];
            c0113 = tile[11267 + (tid * 4)];
            c0120 = tile[12288 + (tid * 4)];
            c0121 = tile[12289 + (tid * 4)];
            c0122 = tile[12290 + (tid * 4)];
            c0123 = tile[12291 + (tid * 4)];
            c0130 = tile[13312 + (tid * 4)];
            c0131 = tile[13313 + (tid * 4)];
            c0132 = tile[13314 + (tid * 4)];
            c0133 = tile[13315 + (tid * 4)];
            c0140 = tile[14336 + (tid * 4)];
            c0141 = tile[14337 + (tid * 4)];
            c0142 = tile[14338 + (tid * 4)];
            c0143 = tile[14339 + (tid * 4)];
            c0150 = tile[15360 + (tid * 4)];
            c0151 = tile[15361 + (tid * 4)];
            c0152 = tile[15362 + (tid * 4)];
            c0153 = tile[15363 + (tid * 4)];
            c0160 = tile[16384 + (tid * 4)];
            c0161 = tile[16385 + (tid * 4)];
            c0162 = tile[16386 + (tid * 4)];
            c0163 = tile[16387 + (tid * 4)];
            c0170 = tile[17408 + (tid * 4)];
            c0171 = tile[17409 + (tid * 4)];
            c0172 = tile[17410 + (tid * 4)];
            c0173 = tile[17411 + (tid * 4)];
            c0180 = tile[18432 + (tid * 4)];
            c0181 = tile[18433 + (tid * 4)];
            c0182 = tile[18434 + (tid * 4)];
            c0183 = tile[18435 + (tid * 4)];
            c0190 = tile[19456 + (tid * 4)];
            c0191 = tile[19457 + (tid * 4)];
            c0192 = tile[19458 + (tid * 4)];
            c0193 = tile[19459 + (tid * 4)];
            c0200 = tile[20480 + (tid * 4)];
            c0201 = tile[20481 + (tid * 4)];
            c0202 = tile[20482 + (tid * 4)];
            c0203 = tile[20483 + (tid * 4)];
            c0210 = tile[21504 + (tid * 4)];
            c0211 = tile[21505 + (tid * 4)];
            c0212 = tile[21506 + (tid * 4)];
            c0213 = tile[21507 + (tid * 4)];
            c0220 = tile[22528 + (tid * 4)];
            c0221 = tile[22529 + (tid * 4)];
            c0222 = tile[22530 + (tid * 4)];
            c0223 = tile[22531 + (tid * 4)];
            c0230 = tile[23552 + (tid * 4)];
            c0231 = tile[23553 + (tid * 4)];
            c0232 = tile[23554 + (tid * 4)];
            c0233 = tile[23555 + (tid * 4)];
            c0240 = tile[24576 + (tid * 4)];
            c0241 = tile[24577 + (tid * 4)];
            c0242 = tile[24578 + (tid * 4)];
            c0243 = tile[24579 + (tid * 4)];
            c0250 = tile[25600 + (tid * 4)];
            c0251 = tile[25601 + (tid * 4)];
            c0252 = tile[25602 + (tid * 4)];
            c0253 = tile[25603 + (tid * 4)];
            c0260 = tile[26624 + (tid * 4)];
            c0261 = tile[26625 + (tid * 4)];
            c0262 = tile[26626 + (tid * 4)];
            c0263 = tile[26627 + (tid * 4)];
            c0270 = tile[27648 + (tid * 4)];
            c0271 = tile[27649 + (tid * 4)];
            c0272 = tile[27650 + (tid * 4)];
            c0273 = tile[27651 + (tid * 4)];
            c0280 = tile[28672 + (tid * 4)];
            c0281 = tile[28673 + (tid * 4)];
            c0282 = tile[28674 + (tid * 4)];
            c0283 = tile[28675 + (tid * 4)];
            c0290 = tile[29696 + (tid * 4)];
            c0291 = tile[29697 + (tid * 4)];
            c0292 = tile[29698 + (tid * 4)];
            c0293 = tile[29699 + (tid * 4)];
            c0300 = tile[30720 + (tid * 4)];
            c0301 = tile[30721 + (tid * 4)];
            c0302 = tile[30722 + (tid * 4)];
            c0303 = tile[30723 + (tid * 4)];
            c0310 = tile[31744 + (tid * 4)];
            c0311 = tile[31745 + (tid * 4)];
            c0312 = tile[31746 + (tid * 4)];
            c0313 = tile[31747 + (tid * 4)];
        }
        else
        {
            // Managed twin: the same ring, swizzle and fragment layout, one stage at a time (copies are synchronous).
            for (int kt = kFirst; kt < kEnd; kt++)
            {
                int kw = kt * 16;
                int sb = (kt % 6) * 24576;
                Int8MmaAsync.CopyChunk(tile, sb + loadShared, operands.A, ((long)(row0 + loadRow) * words) + kw + (loadChunk * 4), (rowsIn & 1) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 4096, operands.A, ((long)(row0 + loadRow + 64) * words) + kw + (loadChunk * 4), (rowsIn & 2) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 8192, operands.B, ((long)(col0 + loadRow) * words) + kw + (loadChunk * 4), (rowsIn & 4) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 12288, operands.B, ((long)(col0 + loadRow + 64) * words) + kw + (loadChunk * 4), (rowsIn & 8) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 16384, operands.B, ((long)(col0 + loadRow + 128) * words) + kw + (loadChunk * 4), (rowsIn & 16) != 0 && kw + (loadChunk * 4) < words);
                Int8MmaAsync.CopyChunk(tile, sb + loadShared + 20480, operands.B, ((long)(col0 + loadRow + 192) * words) + kw + (loadChunk * 4), (rowsIn & 32) != 0 && kw + (loadChunk * 4) < words);
                Group.Barrier();
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane), out int s0a00, out int s0a01, out int s0a02, out int s0a03);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane), out int s0b00, out int s0b01, out int s0b10, out int s0b11);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 1024, out int s0b20, out int s0b21, out int s0b30, out int s0b31);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 2048, out int s0b40, out int s0b41, out int s0b50, out int s0b51);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 3072, out int s0b60, out int s0b61, out int s0b70, out int s0b71);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 4096, out int s0b80, out int s0b81, out int s0b90, out int s0b91);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 5120, out int s0b100, out int s0b101, out int s0b110, out int s0b111);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 6144, out int s0b120, out int s0b121, out int s0b130, out int s0b131);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 7168, out int s0b140, out int s0b141, out int s0b150, out int s0b151);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 8192, out int s0b160, out int s0b161, out int s0b170, out int s0b171);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 9216, out int s0b180, out int s0b181, out int s0b190, out int s0b191);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 10240, out int s0b200, out int s0b201, out int s0b210, out int s0b211);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 11264, out int s0b220, out int s0b221, out int s0b230, out int s0b231);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 12288, out int s0b240, out int s0b241, out int s0b250, out int s0b251);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 13312, out int s0b260, out int s0b261, out int s0b270, out int s0b271);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 14336, out int s0b280, out int s0b281, out int s0b290, out int s0b291);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane) + 15360, out int s0b300, out int s0b301, out int s0b310, out int s0b311);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c000, ref c001, ref c002, ref c003, s0a00, s0a01, s0a02, s0a03, s0b00, s0b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c010, ref c011, ref c012, ref c013, s0a00, s0a01, s0a02, s0a03, s0b10, s0b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c020, ref c021, ref c022, ref c023, s0a00, s0a01, s0a02, s0a03, s0b20, s0b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c030, ref c031, ref c032, ref c033, s0a00, s0a01, s0a02, s0a03, s0b30, s0b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c040, ref c041, ref c042, ref c043, s0a00, s0a01, s0a02, s0a03, s0b40, s0b41);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c050, ref c051, ref c052, ref c053, s0a00, s0a01, s0a02, s0a03, s0b50, s0b51);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c060, ref c061, ref c062, ref c063, s0a00, s0a01, s0a02, s0a03, s0b60, s0b61);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c070, ref c071, ref c072, ref c073, s0a00, s0a01, s0a02, s0a03, s0b70, s0b71);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c080, ref c081, ref c082, ref c083, s0a00, s0a01, s0a02, s0a03, s0b80, s0b81);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c090, ref c091, ref c092, ref c093, s0a00, s0a01, s0a02, s0a03, s0b90, s0b91);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0100, ref c0101, ref c0102, ref c0103, s0a00, s0a01, s0a02, s0a03, s0b100, s0b101);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0110, ref c0111, ref c0112, ref c0113, s0a00, s0a01, s0a02, s0a03, s0b110, s0b111);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0120, ref c0121, ref c0122, ref c0123, s0a00, s0a01, s0a02, s0a03, s0b120, s0b121);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0130, ref c0131, ref c0132, ref c0133, s0a00, s0a01, s0a02, s0a03, s0b130, s0b131);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0140, ref c0141, ref c0142, ref c0143, s0a00, s0a01, s0a02, s0a03, s0b140, s0b141);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0150, ref c0151, ref c0152, ref c0153, s0a00, s0a01, s0a02, s0a03, s0b150, s0b151);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0160, ref c0161, ref c0162, ref c0163, s0a00, s0a01, s0a02, s0a03, s0b160, s0b161);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0170, ref c0171, ref c0172, ref c0173, s0a00, s0a01, s0a02, s0a03, s0b170, s0b171);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0180, ref c0181, ref c0182, ref c0183, s0a00, s0a01, s0a02, s0a03, s0b180, s0b181);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0190, ref c0191, ref c0192, ref c0193, s0a00, s0a01, s0a02, s0a03, s0b190, s0b191);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0200, ref c0201, ref c0202, ref c0203, s0a00, s0a01, s0a02, s0a03, s0b200, s0b201);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0210, ref c0211, ref c0212, ref c0213, s0a00, s0a01, s0a02, s0a03, s0b210, s0b211);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0220, ref c0221, ref c0222, ref c0223, s0a00, s0a01, s0a02, s0a03, s0b220, s0b221);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0230, ref c0231, ref c0232, ref c0233, s0a00, s0a01, s0a02, s0a03, s0b230, s0b231);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0240, ref c0241, ref c0242, ref c0243, s0a00, s0a01, s0a02, s0a03, s0b240, s0b241);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0250, ref c0251, ref c0252, ref c0253, s0a00, s0a01, s0a02, s0a03, s0b250, s0b251);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0260, ref c0261, ref c0262, ref c0263, s0a00, s0a01, s0a02, s0a03, s0b260, s0b261);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0270, ref c0271, ref c0272, ref c0273, s0a00, s0a01, s0a02, s0a03, s0b270, s0b271);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0280, ref c0281, ref c0282, ref c0283, s0a00, s0a01, s0a02, s0a03, s0b280, s0b281);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0290, ref c0291, ref c0292, ref c0293, s0a00, s0a01, s0a02, s0a03, s0b290, s0b291);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0300, ref c0301, ref c0302, ref c0303, s0a00, s0a01, s0a02, s0a03, s0b300, s0b301);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0310, ref c0311, ref c0312, ref c0313, s0a00, s0a01, s0a02, s0a03, s0b310, s0b311);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane ^ 32), out int s1a00, out int s1a01, out int s1a02, out int s1a03);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32), out int s1b00, out int s1b01, out int s1b10, out int s1b11);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 1024, out int s1b20, out int s1b21, out int s1b30, out int s1b31);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 2048, out int s1b40, out int s1b41, out int s1b50, out int s1b51);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 3072, out int s1b60, out int s1b61, out int s1b70, out int s1b71);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 4096, out int s1b80, out int s1b81, out int s1b90, out int s1b91);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 5120, out int s1b100, out int s1b101, out int s1b110, out int s1b111);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 6144, out int s1b120, out int s1b121, out int s1b130, out int s1b131);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 7168, out int s1b140, out int s1b141, out int s1b150, out int s1b151);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 8192, out int s1b160, out int s1b161, out int s1b170, out int s1b171);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 9216, out int s1b180, out int s1b181, out int s1b190, out int s1b191);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 10240, out int s1b200, out int s1b201, out int s1b210, out int s1b211);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 11264, out int s1b220, out int s1b221, out int s1b230, out int s1b231);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 12288, out int s1b240, out int s1b241, out int s1b250, out int s1b251);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 13312, out int s1b260, out int s1b261, out int s1b270, out int s1b271);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 14336, out int s1b280, out int s1b281, out int s1b290, out int s1b291);
                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane ^ 32) + 15360, out int s1b300, out int s1b301, out int s1b310, out int s1b311);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c000, ref c001, ref c002, ref c003, s1a00, s1a01, s1a02, s1a03, s1b00, s1b01);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c010, ref c011, ref c012, ref c013, s1a00, s1a01, s1a02, s1a03, s1b10, s1b11);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c020, ref c021, ref c022, ref c023, s1a00, s1a01, s1a02, s1a03, s1b20, s1b21);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c030, ref c031, ref c032, ref c033, s1a00, s1a01, s1a02, s1a03, s1b30, s1b31);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c040, ref c041, ref c042, ref c043, s1a00, s1a01, s1a02, s1a03, s1b40, s1b41);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c050, ref c051, ref c052, ref c053, s1a00, s1a01, s1a02, s1a03, s1b50, s1b51);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c060, ref c061, ref c062, ref c063, s1a00, s1a01, s1a02, s1a03, s1b60, s1b61);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c070, ref c071, ref c072, ref c073, s1a00, s1a01, s1a02, s1a03, s1b70, s1b71);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c080, ref c081, ref c082, ref c083, s1a00, s1a01, s1a02, s1a03, s1b80, s1b81);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c090, ref c091, ref c092, ref c093, s1a00, s1a01, s1a02, s1a03, s1b90, s1b91);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0100, ref c0101, ref c0102, ref c0103, s1a00, s1a01, s1a02, s1a03, s1b100, s1b101);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0110, ref c0111, ref c0112, ref c0113, s1a00, s1a01, s1a02, s1a03, s1b110, s1b111);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0120, ref c0121, ref c0122, ref c0123, s1a00, s1a01, s1a02, s1a03, s1b120, s1b121);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0130, ref c0131, ref c0132, ref c0133, s1a00, s1a01, s1a02, s1a03, s1b130, s1b131);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0140, ref c0141, ref c0142, ref c0143, s1a00, s1a01, s1a02, s1a03, s1b140, s1b141);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0150, ref c0151, ref c0152, ref c0153, s1a00, s1a01, s1a02, s1a03, s1b150, s1b151);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0160, ref c0161, ref c0162, ref c0163, s1a00, s1a01, s1a02, s1a03, s1b160, s1b161);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0170, ref c0171, ref c0172, ref c0173, s1a00, s1a01, s1a02, s1a03, s1b170, s1b171);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0180, ref c0181, ref c0182, ref c0183, s1a00, s1a01, s1a02, s1a03, s1b180, s1b181);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0190, ref c0191, ref c0192, ref c0193, s1a00, s1a01, s1a02, s1a03, s1b190, s1b191);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0200, ref c0201, ref c0202, ref c0203, s1a00, s1a01, s1a02, s1a03, s1b200, s1b201);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0210, ref c0211, ref c0212, ref c0213, s1a00, s1a01, s1a02, s1a03, s1b210, s1b211);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0220, ref c0221, ref c0222, ref c0223, s1a00, s1a01, s1a02, s1a03, s1b220, s1b221);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0230, ref c0231, ref c0232, ref c0233, s1a00, s1a01, s1a02, s1a03, s1b230, s1b231);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0240, ref c0241, ref c0242, ref c0243, s1a00, s1a01, s1a02, s1a03, s1b240, s1b241);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0250, ref c0251, ref c0252, ref c0253, s1a00, s1a01, s1a02, s1a03, s1b250, s1b251);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0260, ref c0261, ref c0262, ref c0263, s1a00, s1a01, s1a02, s1a03, s1b260, s1b261);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0270, ref c0271, ref c0272, ref c0273, s1a00, s1a01, s1a02, s1a03, s1b270, s1b271);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0280, ref c0281, ref c0282, ref c0283, s1a00, s1a01, s1a02, s1a03, s1b280, s1b281);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0290, ref c0291, ref c0292, ref c0293, s1a00, s1a01, s1a02, s1a03, s1b290, s1b291);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0300, ref c0301, ref c0302, ref c0303, s1a00, s1a01, s1a02, s1a03, s1b300, s1b301);
                Int8MmaFragment.MultiplyAccumulateManaged(ref c0310, ref c0311, ref c0312, ref c0313, s1a00, s1a01, s1a02, s1a03, s1b310, s1b311);
                Group.Barrier();
            }
        }


        int rowBase = row0 + warpRow + g;
        int colBase = col0 + warpCol + (2 * t);
        if (Grid.DimZ > 1)
        {
            // The sums are partial: add them into the workspace. The tile's last block to finish takes the totals (leaving
            // the workspace zero) and runs the epilogue; the others are done.
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c000, c001, c002, c003, rowBase, colBase);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c010, c011, c012, c013, rowBase, colBase + 8);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c020, c021, c022, c023, rowBase, colBase + 16);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c030, c031, c032, c033, rowBase, colBase + 24);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c040, c041, c042, c043, rowBase, colBase + 32);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c050, c051, c052, c053, rowBase, colBase + 40);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c060, c061, c062, c063, rowBase, colBase + 48);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c070, c071, c072, c073, rowBase, colBase + 56);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c080, c081, c082, c083, rowBase, colBase + 64);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c090, c091, c092, c093, rowBase, colBase + 72);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0100, c0101, c0102, c0103, rowBase, colBase + 80);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0110, c0111, c0112, c0113, rowBase, colBase + 88);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0120, c0121, c0122, c0123, rowBase, colBase + 96);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0130, c0131, c0132, c0133, rowBase, colBase + 104);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0140, c0141, c0142, c0143, rowBase, colBase + 112);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0150, c0151, c0152, c0153, rowBase, colBase + 120);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0160, c0161, c0162, c0163, rowBase, colBase + 128);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0170, c0171, c0172, c0173, rowBase, colBase + 136);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0180, c0181, c0182, c0183, rowBase, colBase + 144);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0190, c0191, c0192, c0193, rowBase, colBase + 152);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0200, c0201, c0202, c0203, rowBase, colBase + 160);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0210, c0211, c0212, c0213, rowBase, colBase + 168);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0220, c0221, c0222, c0223, rowBase, colBase + 176);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0230, c0231, c0232, c0233, rowBase, colBase + 184);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0240, c0241, c0242, c0243, rowBase, colBase + 192);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0250, c0251, c0252, c0253, rowBase, colBase + 200);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0260, c0261, c0262, c0263, rowBase, colBase + 208);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0270, c0271, c0272, c0273, rowBase, colBase + 216);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0280, c0281, c0282, c0283, rowBase, colBase + 224);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0290, c0291, c0292, c0293, rowBase, colBase + 232);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0300, c0301, c0302, c0303, rowBase, colBase + 240);
            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c0310, c0311, c0312, c0313, rowBase, colBase + 248);
            if (!Int8SplitK.IsLastOfTile(operands.SplitTickets, tile, block))
            {
                return;
            }

            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c000, ref c001, ref c002, ref c003, rowBase, colBase);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c010, ref c011, ref c012, ref c013, rowBase, colBase + 8);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c020, ref c021, ref c022, ref c023, rowBase, colBase + 16);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c030, ref c031, ref c032, ref c033, rowBase, colBase + 24);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c040, ref c041, ref c042, ref c043, rowBase, colBase + 32);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c050, ref c051, ref c052, ref c053, rowBase, colBase + 40);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c060, ref c061, ref c062, ref c063, rowBase, colBase + 48);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c070, ref c071, ref c072, ref c073, rowBase, colBase + 56);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c080, ref c081, ref c082, ref c083, rowBase, colBase + 64);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c090, ref c091, ref c092, ref c093, rowBase, colBase + 72);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0100, ref c0101, ref c0102, ref c0103, rowBase, colBase + 80);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0110, ref c0111, ref c0112, ref c0113, rowBase, colBase + 88);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0120, ref c0121, ref c0122, ref c0123, rowBase, colBase + 96);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0130, ref c0131, ref c0132, ref c0133, rowBase, colBase + 104);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0140, ref c0141, ref c0142, ref c0143, rowBase, colBase + 112);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0150, ref c0151, ref c0152, ref c0153, rowBase, colBase + 120);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0160, ref c0161, ref c0162, ref c0163, rowBase, colBase + 128);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0170, ref c0171, ref c0172, ref c0173, rowBase, colBase + 136);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0180, ref c0181, ref c0182, ref c0183, rowBase, colBase + 144);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0190, ref c0191, ref c0192, ref c0193, rowBase, colBase + 152);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0200, ref c0201, ref c0202, ref c0203, rowBase, colBase + 160);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0210, ref c0211, ref c0212, ref c0213, rowBase, colBase + 168);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0220, ref c0221, ref c0222, ref c0223, rowBase, colBase + 176);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0230, ref c0231, ref c0232, ref c0233, rowBase, colBase + 184);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0240, ref c0241, ref c0242, ref c0243, rowBase, colBase + 192);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0250, ref c0251, ref c0252, ref c0253, rowBase, colBase + 200);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0260, ref c0261, ref c0262, ref c0263, rowBase, colBase + 208);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0270, ref c0271, ref c0272, ref c0273, rowBase, colBase + 216);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0280, ref c0281, ref c0282, ref c0283, rowBase, colBase + 224);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0290, ref c0291, ref c0292, ref c0293, rowBase, colBase + 232);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0300, ref c0301, ref c0302, ref c0303, rowBase, colBase + 240);
            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c0310, ref c0311, ref c0312, ref c0313, rowBase, colBase + 248);
        }

        // The ring is free now: the epilogue may stage what the tile's outputs read (scales, outlier columns).
        epilogue.Prepare(tile, row0, col0, 128, 256, rows, cols);
        StoreQuad(epilogue, c000, c001, c002, c003, rowBase, colBase, rows, cols);
        StoreQuad(epilogue, c010, c011, c012, c013, rowBase, colBase + 8, rows, cols);
        StoreQuad(epilogue, c020, c021, c022, c023, rowBase, colBase + 16, rows, cols);
        StoreQuad(epilogue, c030, c031, c032, c033, rowBase, colBase + 24, rows, cols);
        StoreQuad(epilogue, c040, c041, c042, c043, rowBase, colBase + 32, rows, cols);
        StoreQuad(epilogue, c050, c051, c052, c053, rowBase, colBase + 40, rows, cols);
        StoreQuad(epilogue, c060, c061, c062, c063, rowBase, colBase + 48, rows, cols);
        StoreQuad(epilogue, c070, c071, c072, c073, rowBase, colBase + 56, rows, cols);
        StoreQuad(epilogue, c080, c081, c082, c083, rowBase, colBase + 64, rows, cols);
        StoreQuad(epilogue, c090, c091, c092, c093, rowBase, colBase + 72, rows, cols);
        StoreQuad(epilogue, c0100, c0101, c0102, c0103, rowBase, colBase + 80, rows, cols);
        StoreQuad(epilogue, c0110, c0111, c0112, c0113, rowBase, colBase + 88, rows, cols);
        StoreQuad(epilogue, c0120, c0121, c0122, c0123, rowBase, colBase + 96, rows, cols);
        StoreQuad(epilogue, c0130, c0131, c0132, c0133, rowBase, colBase + 104, rows, cols);
        StoreQuad(epilogue, c0140, c0141, c0142, c0143, rowBase, colBase + 112, rows, cols);
        StoreQuad(epilogue, c0150, c0151, c0152, c0153, rowBase, colBase + 120, rows, cols);
        StoreQuad(epilogue, c0160, c0161, c0162, c0163, rowBase, colBase + 128, rows, cols);
        StoreQuad(epilogue, c0170, c0171, c0172, c0173, rowBase, colBase + 136, rows, cols);
        StoreQuad(epilogue, c0180, c0181, c0182, c0183, rowBase, colBase + 144, rows, cols);
        StoreQuad(epilogue, c0190, c0191, c0192, c0193, rowBase, colBase + 152, rows, cols);
        StoreQuad(epilogue, c0200, c0201, c0202, c0203, rowBase, colBase + 160, rows, cols);
        StoreQuad(epilogue, c0210, c0211, c0212, c0213, rowBase, colBase + 168, rows, cols);
        StoreQuad(epilogue, c0220, c0221, c0222, c0223, rowBase, colBase + 176, rows, cols);
        StoreQuad(epilogue, c0230, c0231, c0232, c0233, rowBase, colBase + 184, rows, cols);
        StoreQuad(epilogue, c0240, c0241, c0242, c0243, rowBase, colBase + 192, rows, cols);
        StoreQuad(epilogue, c0250, c0251, c0252, c0253, rowBase, colBase + 200, rows, cols);
        StoreQuad(epilogue, c0260, c0261, c0262, c0263, rowBase, colBase + 208, rows, cols);
        StoreQuad(epilogue, c0270, c0271, c0272, c0273, rowBase, colBase + 216, rows, cols);
        StoreQuad(epilogue, c0280, c0281, c0282, c0283, rowBase, colBase + 224, rows, cols);
        StoreQuad(epilogue, c0290, c0291, c0292, c0293, rowBase, colBase + 232, rows, cols);
        StoreQuad(epilogue, c0300, c0301, c0302, c0303, rowBase, colBase + 240, rows, cols);
        StoreQuad(epilogue, c0310, c0311, c0312, c0313, rowBase, colBase + 248, rows, cols);
    }

    private static KernelConfig Config(Int8MmaTile tile, int rows, int cols, int splits) => new(
        new Index3D((cols + BlockCols(tile) - 1) / BlockCols(tile), (rows + BlockRows(tile) - 1) / BlockRows(tile), splits),
        new Index3D(Threads(tile), 1, 1),
        DynamicSharedBytes(tile) == 0 ? default : SharedMemoryConfig.RequestDynamic<int>(DynamicSharedBytes(tile) / 4));

    private static bool IsSixtyFourRows(Int8MmaTile tile) => tile is Int8MmaTile.Rows64Cols128 or Int8MmaTile.WgmmaRows64Cols128;

    // A fragment's accumulators 0, 1 are adjacent columns of one row and 2, 3 the same columns 8 rows down: pair stores
    // (8 bytes, a warp's 4 lanes of a row then fill a 32-byte sector), both rows in one call when both are inside.
    private static void StoreQuad<TEpilogue>(
        TEpilogue epilogue, int top, int topNext, int bottom, int bottomNext, int row, int col, int rows, int cols)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        if (col >= cols || row >= rows)
        {
            return;
        }

        if (row + 8 < rows)
        {
            epilogue.StoreQuad(top, topNext, bottom, bottomNext, row, col);
        }
        else
        {
            epilogue.StorePair(top, topNext, row, col);
        }
    }
}
