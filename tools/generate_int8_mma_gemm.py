#!/usr/bin/env python3
"""Writes kernels/QuantDsl.Kernels/Gemm/Int8MmaGemm.cs: ILGPU 1.5.3 does not unroll loops, so every tile shape of the
tensor-core main loop is written out here (fragment loads, mma calls, stores). Run from the repository root."""

import os

SHAPES = [
    # name, block rows, block cols, warps along M, warps along N, stage words (4 codes each), stages
    ("Rows128Cols128", 128, 128, 2, 4, 16, 3),
    ("Rows128Cols256", 128, 256, 2, 4, 8, 4),
]
THREADS = 256
SHARED_LIMIT = 48 * 1024


def ch(k, name):
    return f"({k} + {name})" if k else name


def paren(name, off):
    return f"({name}{off})" if off else name


def kernel(name, bm, bn, wm, wn, kt, stages):
    tm, tn = bm // wm, bn // wn
    fm, fn = tm // 16, tn // 8
    chunks = kt // 4  # 16-byte chunks per stage row
    row_bytes = kt * 4
    shift = {4: 1, 2: 2}[chunks]  # swizzle: 8 consecutive rows of one logical chunk hit 8 distinct 16-byte bank groups
    stage_bytes = (bm + bn) * row_bytes
    assert stages * stage_bytes <= SHARED_LIMIT
    a_chunks, b_chunks = bm * chunks, bn * chunks
    assert a_chunks % THREADS == 0 and b_chunks % THREADS == 0
    pa, pb = a_chunks // THREADS, b_chunks // THREADS
    out = []
    w = out.append
    w(f"    /// <summary>The {bm} × {bn} tile: {wm * wn} warps of {tm} × {tn} ({fm} × {fn} fragments), K staged {kt * 4} codes at a time, {stages} stages.</summary>")
    w("    /// <typeparam name=\"TEpilogue\">Turns each int32 sum into the stored output.</typeparam>")
    w("    /// <param name=\"operands\">The packed codes, their addresses and the shape.</param>")
    w("    /// <param name=\"epilogue\">Called once per output element inside [rows × cols].</param>")
    w(f"    public static void Kernel{name}<TEpilogue>(Int8MmaOperands operands, TEpilogue epilogue)")
    w("        where TEpilogue : struct, IInt8TileEpilogue")
    w("    {")
    w(f"        var tile = SharedMemory.Allocate<int>({stages * stage_bytes // 4});")
    w("        int rows = operands.Rows, cols = operands.Cols, words = operands.Words;")
    w("        if (words < 0)")
    w("        {")
    w("            // Never taken: on CUDA every access is inline PTX naming the allocation, and this use keeps it alive.")
    w("            tile[0] = words;")
    w("        }")
    w("")
    w("        int sharedBase = Int8MmaAsync.SharedBase();")
    w("        int tid = Group.IdxX;")
    w("        int warp = tid >> 5;")
    w("        int lane = tid & 31;")
    w("        int g = lane >> 2;")
    w("        int t = lane & 3;")
    w(f"        int row0 = Grid.IdxY * {bm};")
    w(f"        int col0 = Grid.IdxX * {bn};")
    w(f"        int warpRow = (warp / {wn}) * {tm};")
    w(f"        int warpCol = (warp % {wn}) * {tn};")
    w(f"        int kTiles = (words + {kt - 1}) / {kt};")
    w("")
    w("        // Copy assignment: chunk q = tid + i·256 of a stage is row q / chunks, 16-byte chunk q % chunks.")
    loads = []
    for i in range(pa + pb):
        is_a = i < pa
        off = (i if is_a else i - pa) * THREADS
        q = f"(tid + {off})" if off else "tid"
        op = "A" if is_a else "B"
        lim = "rows" if is_a else "cols"
        origin = "row0" if is_a else "col0"
        region = 0 if is_a else bm * row_bytes
        w(f"        int lr{i} = {q} / {chunks};")
        w(f"        int lc{i} = {q} % {chunks};")
        base = f"{region} + " if region else ""
        w(f"        int ls{i} = {base}(lr{i} * {row_bytes}) + ((lc{i} ^ ((lr{i} >> {shift}) & {chunks - 1})) * 16);")
        w(f"        bool lin{i} = {origin} + lr{i} < {lim};")
        w(f"        long lg{i} = ((long)({origin} + lr{i}) * words) + (lc{i} * 4);")
        loads.append((i, op))
    w("")

    def issue(stage_expr, buf_expr, indent):
        pad = " " * indent
        w(f"{pad}int kw = {stage_expr};")
        w(f"{pad}int sb = {buf_expr};")
        for i, op in loads:
            w(f"{pad}Int8MmaAsync.CopyChunk(tile, sharedBase, sb + ls{i}, operands.{op}, operands.{op}Address, lg{i} + kw, lin{i} && kw + (lc{i} * 4) < words);")

    w("        // Prologue: the first stages in flight.")
    for s in range(stages - 1):
        w(f"        if (kTiles > {s})")
        w("        {")
        issue(str(s * kt), str(s * stage_bytes), 12)
        w("        }")
        w("")
        w("        Int8MmaAsync.Commit();")
    w("")
    for i in range(fm):
        for j in range(fn):
            w(f"        int c{i}{j}0 = 0, c{i}{j}1 = 0, c{i}{j}2 = 0, c{i}{j}3 = 0;")
    w("")
    w("        // ldmatrix row addresses of this lane (byte offsets inside a stage, before the K step's chunk).")
    w("        int aLaneRow = warpRow + (lane & 15);")
    w("        int aLaneChunk = lane >> 4;")
    w(f"        int aLaneSwizzle = (aLaneRow >> {shift}) & {chunks - 1};")
    w("        int bLaneRow = warpCol + (lane & 7) + ((lane >> 4) << 3);")
    w("        int bLaneChunk = (lane >> 3) & 1;")
    w(f"        int bLaneSwizzle = (bLaneRow >> {shift}) & {chunks - 1};")
    w("        int readStage = 0;")
    w(f"        int writeStage = {stages - 1};")
    w("        for (int kt = 0; kt < kTiles; kt++)")
    w("        {")
    w(f"            // Stage kt has landed for this thread; the barrier makes it everyone's and frees stage kt − 1.")
    w(f"            Int8MmaAsync.WaitPending{stages - 2}();")
    w("            Group.Barrier();")
    w(f"            if (kt + {stages - 1} < kTiles)")
    w("            {")
    issue(f"(kt + {stages - 1}) * {kt}", f"writeStage * {stage_bytes}", 16)
    w("            }")
    w("")
    w("            Int8MmaAsync.Commit();")
    w(f"            int rb = readStage * {stage_bytes};")
    # Swizzled addresses: row r's swizzle is constant across the 16 rows of a fragment since 16-row offsets
    # keep (r >> shift) & (chunks-1)? Not in general: compute per fragment explicitly.
    for ks in range(kt // 8):
        w(f"            // K step {ks}: codes {32 * ks}..{32 * ks + 31} of the stage.")
        for i in range(fm):
            row_off = f" + {16 * i}" if i else ""
            # (aLaneRow + 16 i) >> shift & (chunks-1): 16i >> shift is a multiple of chunks for shift<=2,chunks<=4 -> same swizzle
            assert ((16 * i) >> shift) % chunks == 0
            w(f"            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + ({paren('aLaneRow', row_off)} * {row_bytes}) + (({ch(2 * ks, 'aLaneChunk')} ^ aLaneSwizzle) * 16), out int s{ks}a{i}0, out int s{ks}a{i}1, out int s{ks}a{i}2, out int s{ks}a{i}3);")
        for j in range(fn // 2):
            row_off = f" + {16 * j}" if j else ""
            assert ((16 * j) >> shift) % chunks == 0
            w(f"            Int8MmaAsync.LoadMatrixX4(tile, sharedBase, rb + {bm * row_bytes} + ({paren('bLaneRow', row_off)} * {row_bytes}) + (({ch(2 * ks, 'bLaneChunk')} ^ bLaneSwizzle) * 16), out int s{ks}b{2 * j}0, out int s{ks}b{2 * j}1, out int s{ks}b{2 * j + 1}0, out int s{ks}b{2 * j + 1}1);")
        for i in range(fm):
            for j in range(fn):
                w(f"            Int8MmaFragment.MultiplyAccumulate(ref c{i}{j}0, ref c{i}{j}1, ref c{i}{j}2, ref c{i}{j}3, s{ks}a{i}0, s{ks}a{i}1, s{ks}a{i}2, s{ks}a{i}3, s{ks}b{j}0, s{ks}b{j}1);")
        w("")
    w(f"            readStage = readStage == {stages - 1} ? 0 : readStage + 1;")
    w(f"            writeStage = writeStage == {stages - 1} ? 0 : writeStage + 1;")
    w("        }")
    w("")
    w("        Int8MmaAsync.WaitAll();")
    w("        int rowBase = row0 + warpRow + g;")
    w("        int colBase = col0 + warpCol + (2 * t);")
    for i in range(fm):
        for j in range(fn):
            for r in range(4):
                ro = 16 * i + 8 * (r >> 1)
                co = 8 * j + (r & 1)
                rs = f"rowBase + {ro}" if ro else "rowBase"
                cs = f"colBase + {co}" if co else "colBase"
                w(f"        Store(epilogue, c{i}{j}{r}, {rs}, {cs}, rows, cols);")
    w("    }")
    return "\n".join(out)


def main():
    parts = []
    parts.append('''using ILGPU;

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
''')
    for s in SHAPES:
        parts.append(kernel(*s))
        parts.append("")
    parts.append('''    private static void Store<TEpilogue>(TEpilogue epilogue, int acc, int row, int col, int rows, int cols)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        if (row < rows && col < cols)
        {
            epilogue.Store(acc, row, col);
        }
    }
}
''')
    path = os.path.join("kernels", "QuantDsl.Kernels", "Gemm", "Int8MmaGemm.cs")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(parts))


if __name__ == "__main__":
    main()
