#!/usr/bin/env python3
"""Writes kernels/QuantDsl.Kernels/Gemm/Int8MmaGemm.cs: ILGPU 1.5.3 does not unroll loops, so every tile shape of the
tensor-core main loop is written out here (fragment loads, mma calls, stores). Run from the repository root."""

import os

SHAPES = [
    # name, block rows, block cols, warps along M, warps along N, stage words (4 codes each), stages, threads, wgmma
    ("Rows128Cols128", 128, 128, 2, 4, 16, 3, 256, False),
    ("Rows64Cols128", 64, 128, 2, 2, 16, 4, 128, False),
    # Hopper: one warpgroup (4 warps of 16 rows) per 64 rows, each m64n128k32 wgmma reading both operands from the ring.
    ("WgmmaRows128Cols128", 128, 128, 8, 1, 16, 3, 256, True),
    ("WgmmaRows64Cols128", 64, 128, 4, 1, 16, 4, 128, True),
    # Hopper, wide: two warpgroups of m64n256 (128 accumulators per thread, more than ILGPU's 44 asm operands carry:
    # they leave the PTX block through the ring), 6 stages in dynamic shared memory (144 KB; the dump needs 128 KB).
    ("WgmmaRows128Cols256", 128, 256, 8, 1, 16, 6, 256, True),
]
DYNAMIC_SHARED_LIMIT = 227 * 1024
# Shared-memory matrix descriptor bits of the wgmma operands (K-major, 64-byte swizzle: the ring's stage rows are 64
# bytes and their 16-byte chunks are XORed with (row >> 1) & 3, which is that swizzle): leading byte offset 1 (unused
# by swizzled K-major layouts), stride byte offset 512 >> 4 (8 rows of 64 bytes), layout type 2 (64B) in bits 62-63.
WGMMA_DESCRIPTOR_BITS = (2 << 62) | ((512 >> 4) << 32) | (1 << 16)
SHARED_LIMIT = 48 * 1024


def ch(k, name):
    return f"({k} + {name})" if k else name


def paren(name, off):
    return f"({name}{off})" if off else name


def ptx_main_loop(bm, bn, wm, wn, kt, stages, threads, wgmma):
    """The whole K loop as one inline-PTX block: accumulators and fragments stay in PTX registers (ILGPU routes every
    asm operand through local memory, so per-instruction asm calls would spill the loop). Operands: %0..%31 outputs
    (accumulator pairs), then the inputs listed in INPUTS."""
    tm, tn = bm // wm, bn // wn
    fm, fn = tm // 16, tn // 8
    chunks = kt // 4
    row_bytes = kt * 4
    stage_bytes = (bm + bn) * row_bytes
    rows_per_pass = threads // chunks
    pa, pb = bm * chunks // threads, bn * chunks // threads
    acc = 4 * fm * fn
    dump = acc > 64  # accumulators leave through shared memory instead of output operands
    assert acc == 64 or (wgmma and acc == 128)
    first = 0 if dump else acc // 2  # operand number of the first input
    L = []
    a = L.append
    a("{")
    a(".reg .pred qp, qv, qc;")
    a(f".reg .b32 q<{acc}>;")
    if wgmma:
        a(".reg .b64 qda, qdb;")
    else:
        a(f".reg .b32 qa<{4 * fm}>;")
        a(f".reg .b32 qb<{2 * fn}>;")
    a(".reg .b32 qkt, qn, qrs, qws, qsz, qt, qx, qd, qdst, qok, qsw, qkl, qal, qbl, qal1, qbl1, qbase, qoff, qbit, qy;")
    a(".reg .b64 qga, qgb, qstep, qfb, qxb, qsrc, qrow;")
    a(f"mov.b64 qga, %{first + 0};")
    a(f"mov.b64 qgb, %{first + 1};")
    a(f"mov.b64 qstep, %{first + 2};")
    a(f"mov.b64 qfb, %{first + 3};")
    a(f"mov.b32 qsw, %{first + 4};")
    a(f"mov.b32 qok, %{first + 5};")
    a(f"mov.b32 qkl, %{first + 6};")
    a(f"mov.b32 qn, %{first + 7};")
    a(f"mov.b32 qal, %{first + 8};")
    a(f"mov.b32 qbl, %{first + 9};")
    a(f"mov.b32 qbase, %{first + 10};")
    if wgmma:
        a(".reg .pred qsd;")
        a("mov.b32 qx, 1;")
        a("setp.ne.b32 qsd, qx, 0;")
    a("xor.b32 qal1, qal, 32;")
    a("xor.b32 qbl1, qbl, 32;")
    for r in range(acc):
        a(f"mov.b32 q{r}, 0;")

    def issue():
        # tile index in qt, stage byte offset in qoff
        a("shl.b32 qx, qt, 6;")
        a("setp.lt.s32 qv, qx, qkl;")
        a("cvt.u64.u32 qxb, qx;")
        a("add.u32 qd, qsw, qoff;")
        for i in range(pa + pb):
            is_a = i < pa
            k = i if is_a else i - pa
            g = "qga" if is_a else "qgb"
            region = 0 if is_a else bm * row_bytes
            a(f"and.b32 qbit, qok, {1 << i};")
            a("setp.ne.and.b32 qc, qbit, 0, qv;")
            a("selp.b32 qsz, 16, 0, qc;")
            if k:
                a(f"mul.lo.u64 qrow, qstep, {k * rows_per_pass};")
                a(f"add.u64 qsrc, {g}, qrow;")
                a("add.u64 qsrc, qsrc, qxb;")
            else:
                a(f"add.u64 qsrc, {g}, qxb;")
            a("selp.b64 qsrc, qsrc, qfb, qc;")
            off = region + k * rows_per_pass * row_bytes
            if off:
                a(f"add.u32 qdst, qd, {off};")
                a("cp.async.cg.shared.global [qdst], [qsrc], 16, qsz;")
            else:
                a("cp.async.cg.shared.global [qd], [qsrc], 16, qsz;")

    for st in range(stages - 1):
        a(f"setp.le.s32 qp, qn, {st};")
        a(f"@qp bra QMMA_SKIP{st};")
        a(f"mov.b32 qt, {st};")
        a(f"mov.b32 qoff, {st * stage_bytes};")
        issue()
        a(f"QMMA_SKIP{st}:")
        a("cp.async.commit_group;")
    a("mov.b32 qkt, 0;")
    a("mov.b32 qrs, 0;")
    a(f"mov.b32 qws, {(stages - 1) * stage_bytes};")
    a("QMMA_LOOP:")
    a("setp.ge.s32 qp, qkt, qn;")
    a("@qp bra QMMA_DONE;")
    a(f"cp.async.wait_group {stages - 2};")
    if wgmma:
        # The previous stage's wgmma group ran while this thread waited for its copies; it must be done before the
        # barrier, after which this iteration's copies overwrite that stage. Then make this thread's cp.async data
        # visible to wgmma, which reads shared memory through the async proxy.
        a("wgmma.wait_group.sync.aligned 0;")
        a("fence.proxy.async.shared::cta;")
    a("bar.sync 0;")

    def issue_next():
        a(f"add.s32 qt, qkt, {stages - 1};")
        a("setp.ge.s32 qp, qt, qn;")
        a("@qp bra QMMA_NOISSUE;")
        a("mov.b32 qoff, qws;")
        issue()
        a("QMMA_NOISSUE:")
        a("cp.async.commit_group;")

    if not wgmma:
        issue_next()
    a("add.u32 qy, qbase, qrs;")
    if wgmma:
        # qal / qbl: this warpgroup's A rows and the B rows, as byte offsets inside a stage. Each K step of 32 codes
        # moves both descriptors' start address by 32 bytes (2 in the >> 4 units of the field).
        accs = "{" + ",".join(f"q{r}" for r in range(acc)) + "}"
        for op, reg in (("qal", "qda"), ("qbl", "qdb")):
            a(f"add.u32 qx, qy, {op};")
            a("shr.u32 qx, qx, 4;")
            a("and.b32 qx, qx, 16383;")
            a(f"cvt.u64.u32 {reg}, qx;")
            a(f"or.b64 {reg}, {reg}, 0x{WGMMA_DESCRIPTOR_BITS:016X};")
        a("wgmma.fence.sync.aligned;")
        for ks in range(kt // 8):
            if ks:
                a("add.s64 qda, qda, 2;")
                a("add.s64 qdb, qdb, 2;")
            a(f"wgmma.mma_async.sync.aligned.m64n{bn}k32.s32.s8.s8 {accs}, qda, qdb, qsd;")
        a("wgmma.commit_group.sync.aligned;")
        # The copies of a later stage go out while this group runs (they write the stage the barrier freed).
        issue_next()
    for ks in range(0 if wgmma else kt // 8):
        al = "qal" if ks == 0 else "qal1"
        bl = "qbl" if ks == 0 else "qbl1"
        a(f"add.u32 qx, qy, {al};")
        for i in range(fm):
            if i:
                a(f"add.u32 qd, qx, {i * 16 * row_bytes};")
            reg = "qx" if i == 0 else "qd"
            a(f"ldmatrix.sync.aligned.m8n8.x4.shared.b16 {{qa{4 * i},qa{4 * i + 1},qa{4 * i + 2},qa{4 * i + 3}}}, [{reg}];")
        a(f"add.u32 qx, qy, {bl};")
        for j in range(fn // 2):
            if j:
                a(f"add.u32 qd, qx, {j * 16 * row_bytes};")
            reg = "qx" if j == 0 else "qd"
            a(f"ldmatrix.sync.aligned.m8n8.x4.shared.b16 {{qb{4 * j},qb{4 * j + 1},qb{4 * j + 2},qb{4 * j + 3}}}, [{reg}];")
        for i in range(fm):
            for j in range(fn):
                c = 4 * (i * fn + j)
                cs = f"{{q{c},q{c + 1},q{c + 2},q{c + 3}}}"
                a(f"mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {cs}, {{qa{4 * i},qa{4 * i + 1},qa{4 * i + 2},qa{4 * i + 3}}}, {{qb{2 * j},qb{2 * j + 1}}}, {cs};")
    wrap = stages * stage_bytes
    a(f"add.s32 qrs, qrs, {stage_bytes};")
    a(f"setp.eq.s32 qp, qrs, {wrap};")
    a("@qp mov.b32 qrs, 0;")
    a(f"add.s32 qws, qws, {stage_bytes};")
    a(f"setp.eq.s32 qp, qws, {wrap};")
    a("@qp mov.b32 qws, 0;")
    a("add.s32 qkt, qkt, 1;")
    a("bra.uni QMMA_LOOP;")
    a("QMMA_DONE:")
    if wgmma:
        a("wgmma.wait_group.sync.aligned 0;")
    a("cp.async.wait_all;")
    if dump:
        # Every warpgroup is done with the ring; accumulator quad p of thread t goes to byte p·16·threads + 16·t
        # (qdst = ring + 16·t, an input): consecutive threads write consecutive 16 bytes, no bank conflicts.
        a(".reg .b32 qdump;")
        a(f"mov.b32 qdump, %{first + 11};")
        a("bar.sync 0;")
        for p in range(acc // 4):
            a(f"st.shared.v4.b32 [qdump + {p * 16 * threads}], {{q{4 * p},q{4 * p + 1},q{4 * p + 2},q{4 * p + 3}}};")
    else:
        for p in range(acc // 2):
            a(f"mov.b64 %{p}, {{q{2 * p},q{2 * p + 1}}};")
    a("}")
    return L


def kernel(name, bm, bn, wm, wn, kt, stages, threads, wgmma):
    tm, tn = bm // wm, bn // wn
    fm, fn = tm // 16, tn // 8
    chunks = kt // 4  # 16-byte chunks per stage row
    row_bytes = kt * 4
    shift = {4: 1, 2: 2}[chunks]  # swizzle: 8 consecutive rows of one logical chunk hit 8 distinct 16-byte bank groups
    stage_bytes = (bm + bn) * row_bytes
    ring_bytes = stages * stage_bytes
    dynamic = ring_bytes > SHARED_LIMIT
    assert ring_bytes <= (DYNAMIC_SHARED_LIMIT if dynamic else SHARED_LIMIT)
    dump = 4 * fm * fn > 64
    assert not dump or ring_bytes >= 4 * (4 * fm * fn) * threads
    a_chunks, b_chunks = bm * chunks, bn * chunks
    assert a_chunks % threads == 0 and b_chunks % threads == 0
    pa, pb = a_chunks // threads, b_chunks // threads
    rows_per_pass = threads // chunks
    assert ((rows_per_pass >> shift) % chunks) == 0  # every chunk of a thread shares one swizzle
    acc = 4 * fm * fn
    out = []
    w = out.append
    ptx = ptx_main_loop(bm, bn, wm, wn, kt, stages, threads, wgmma)
    w(f"    private const string MainLoop{name} =")
    for idx, line in enumerate(ptx):
        end = ";" if idx == len(ptx) - 1 else " +"
        w(f"        \"{line}\\n\"{end}")
    w("")
    if wgmma:
        w(f"    /// <summary>")
        w(f"    /// The {bm} × {bn} tile on Hopper's warpgroup MMA: {bm // 64} warpgroup(s), each one <c>wgmma.mma_async</c> m64n{bn}k32 per K step")
        w(f"    /// with both operands read from the ring through shared-memory descriptors (64-byte swizzle), K staged {kt * 4} codes at a time,")
        w(f"    /// {stages} stages. Its PTX needs <c>.target sm_90a</c>: launch it through <c>GpuBackend</c>, which retargets kernels")
        w(f"    /// marked <see cref=\"HopperKernelAttribute\"/>. The accumulators have the <c>mma.sync</c> m16n8 layout (warp w of a warpgroup")
        w(f"    /// holds its rows 16w..16w+15), so the managed twin and the epilogue are those of the other tiles, with 16 × {bn} warp tiles.")
        w(f"    /// </summary>")
    else:
        w(f"    /// <summary>The {bm} × {bn} tile: {wm * wn} warps of {tm} × {tn} ({fm} × {fn} fragments), K staged {kt * 4} codes at a time, {stages} stages.</summary>")
    w("    /// <typeparam name=\"TEpilogue\">Turns each int32 sum into the stored output.</typeparam>")
    w("    /// <param name=\"operands\">The packed codes, their addresses and the shape.</param>")
    w("    /// <param name=\"epilogue\">Prepared once per block, then called once per pair of adjacent outputs inside [rows × cols].</param>")
    if wgmma:
        w(f"    [HopperKernel(DynamicSharedBytes = {ring_bytes})]" if dynamic else "    [HopperKernel]")
    w(f"    public static void Kernel{name}<TEpilogue>(Int8MmaOperands operands, TEpilogue epilogue)")
    w("        where TEpilogue : struct, IInt8TileEpilogue")
    w("    {")
    if dynamic:
        w(f"        // The ring ({ring_bytes // 1024} KB) is the launch's dynamic shared memory (Config requests it; the loader raises the 48 KB default).")
        w("        var tile = SharedMemory.GetDynamic<int>();")
    else:
        w(f"        var tile = SharedMemory.Allocate<int>({stages * stage_bytes // 4});")
    w("        int rows = operands.Rows, cols = operands.Cols, words = operands.Words;")
    w("        if (words < 0)")
    w("        {")
    w("            // Never taken: on CUDA every access is inline PTX naming the allocation, and this use keeps it alive.")
    w("            tile[0] = words;")
    w("        }")
    w("")
    w("        int tid = Group.IdxX;")
    w("        int warp = tid >> 5;")
    w("        int lane = tid & 31;")
    w("        int g = lane >> 2;")
    w("        int t = lane & 3;")
    w("        // Blocks run in launch order: take them in groups of operands.GroupRows row bands, column by column inside a group, so")
    w("        // the tiles resident at once read a few bands of A and a slice of B that stay in L2 (row-major order streams")
    w("        // all of B for every band).")
    w("        int block = (Grid.IdxY * Grid.DimX) + Grid.IdxX;")
    w("        int groupRows = IntrinsicMath.Max(operands.GroupRows, 1);")
    w("        int blocksPerGroup = groupRows * Grid.DimX;")
    w("        int firstBand = (block / blocksPerGroup) * groupRows;")
    w("        int bands = IntrinsicMath.Min(Grid.DimY - firstBand, groupRows);")
    w("        int inGroup = block - ((block / blocksPerGroup) * blocksPerGroup);")
    w(f"        int row0 = (firstBand + (inGroup % bands)) * {bm};")
    w(f"        int col0 = (inGroup / bands) * {bn};")
    w(f"        int warpRow = (warp / {wn}) * {tm};")
    w(f"        int warpCol = (warp % {wn}) * {tn};")
    w(f"        int kTiles = (words + {kt - 1}) / {kt};")
    w("")
    w("        // A K split (grid Z > 1, for grids with fewer tiles than SMs): this block multiplies k tiles [kFirst, kEnd) only.")
    w("        int kPerSplit = Int8MmaGemm.KTilesPerSplit(kTiles, Grid.DimZ);")
    w("        int kFirst = Grid.IdxZ * kPerSplit;")
    w("        int kEnd = IntrinsicMath.Min(kFirst + kPerSplit, kTiles);")
    w("")
    w(f"        // Copy assignment: chunk i of a stage is row tid / {chunks} + {rows_per_pass}·i (of A, then of B), 16-byte chunk tid % {chunks}.")
    w(f"        int loadRow = tid / {chunks};")
    w(f"        int loadChunk = tid % {chunks};")
    w(f"        int loadShared = (loadRow * {row_bytes}) + ((loadChunk ^ ((loadRow >> {shift}) & {chunks - 1})) * 16);")
    w("        int rowsIn = 0;")
    for i in range(pa + pb):
        is_a = i < pa
        k = i if is_a else i - pa
        origin = "row0" if is_a else "col0"
        lim = "rows" if is_a else "cols"
        off = f" + {k * rows_per_pass}" if k else ""
        w(f"        rowsIn |= {origin} + loadRow{off} < {lim} ? {1 << i} : 0;")
    w("")
    w("        // ldmatrix row addresses of this lane (byte offsets inside a stage, K step 0; step 1 flips bit 5).")
    w("        int aLaneRow = warpRow + (lane & 15);")
    w(f"        int aLane = (aLaneRow * {row_bytes}) + (((lane >> 4) ^ ((aLaneRow >> {shift}) & {chunks - 1})) * 16);")
    w("        int bLaneRow = warpCol + (lane & 7) + ((lane >> 4) << 3);")
    w(f"        int bLane = {bm * row_bytes} + (bLaneRow * {row_bytes}) + ((((lane >> 3) & 1) ^ ((bLaneRow >> {shift}) & {chunks - 1})) * 16);")
    for i in range(fm):
        for j in range(fn):
            w(f"        int c{i}{j}0 = 0, c{i}{j}1 = 0, c{i}{j}2 = 0, c{i}{j}3 = 0;")
    w("")
    w("        if (CudaAsm.IsSupported)")
    w("        {")
    for p in range(0 if dump else acc // 2):
        w(f"            Output<long> o{p} = default;")
    w(f"            Input<long> aRow = operands.AAddress + ((((long)row0 + loadRow) * words) * 4) + (kFirst * {row_bytes}) + (loadChunk * 16);")
    w(f"            Input<long> bRow = operands.BAddress + ((((long)col0 + loadRow) * words) * 4) + (kFirst * {row_bytes}) + (loadChunk * 16);")
    w("            Input<long> rowBytes = (long)words * 4;")
    w("            Input<long> fallback = operands.AAddress;")
    w(f"            int sharedBase = Int8MmaAsync.{'DynamicSharedBase' if dynamic else 'SharedBase'}();")
    w("            Input<int> sharedLoad = sharedBase + loadShared;")
    w("            Input<int> inside = rowsIn;")
    w(f"            Input<int> kLimit = (words * 4) - (kFirst * {row_bytes}) - (loadChunk * 16);")
    w("            Input<int> tiles = kEnd - kFirst;")
    if wgmma:
        w(f"            // wgmma: the operands' byte offsets inside a stage, this warpgroup's 64 rows of A and all {bn} rows of B.")
        w(f"            Input<int> aLdm = (warp >> 2) * {64 * row_bytes};")
        w(f"            Input<int> bLdm = {bm * row_bytes};")
    else:
        w("            Input<int> aLdm = aLane;")
        w("            Input<int> bLdm = bLane;")
    w("            Input<int> stageBase = sharedBase;")
    if dump:
        w("            Input<int> dumpAt = sharedBase + (tid * 16);")
    w("            CudaAsm.EmitRef(")
    w(f"                MainLoop{name},")
    for p in range(0 if dump else acc // 2):
        w(f"                ref o{p},")
    for nm in ["aRow", "bRow", "rowBytes", "fallback", "sharedLoad", "inside", "kLimit", "tiles", "aLdm", "bLdm"]:
        w(f"                ref {nm},")
    w("                ref stageBase" + (",\n                ref dumpAt);" if dump else ");"))
    if dump:
        w(f"            // The accumulators the PTX block left in the ring: quad p of this thread at word 4·({threads}·p + tid).")
    for idx in range(acc):
        f = idx // 4
        i, j, r = f // fn, f % fn, idx % 4
        if dump:
            p4 = idx // 4
            off = p4 * 4 * threads + (idx % 4)
            w(f"            c{i}{j}{r} = tile[{off} + (tid * 4)];")
        else:
            p = idx // 2
            val = f"(int)o{p}.Value" if idx % 2 == 0 else f"(int)(o{p}.Value >> 32)"
            w(f"            c{i}{j}{r} = {val};")
    w("        }")
    w("        else")
    w("        {")
    w("            // Managed twin: the same ring, swizzle and fragment layout, one stage at a time (copies are synchronous).")
    w("            for (int kt = kFirst; kt < kEnd; kt++)")
    w("            {")
    w(f"                int kw = kt * {kt};")
    w(f"                int sb = (kt % {stages}) * {stage_bytes};")
    for i in range(pa + pb):
        is_a = i < pa
        k = i if is_a else i - pa
        op = "A" if is_a else "B"
        origin = "row0" if is_a else "col0"
        region = 0 if is_a else bm * row_bytes
        off = region + k * rows_per_pass * row_bytes
        offs = f" + {off}" if off else ""
        roff = f" + {k * rows_per_pass}" if k else ""
        w(f"                Int8MmaAsync.CopyChunk(tile, sb + loadShared{offs}, operands.{op}, ((long)({origin} + loadRow{roff}) * words) + kw + (loadChunk * 4), (rowsIn & {1 << i}) != 0 && kw + (loadChunk * 4) < words);")
    w("                Group.Barrier();")
    for ks in range(kt // 8):
        x = f" ^ {32}" if ks else ""
        for i in range(fm):
            roff = f" + {i * 16 * row_bytes}" if i else ""
            w(f"                Int8MmaAsync.LoadMatrixX4(tile, sb + (aLane{x}){roff}, out int s{ks}a{i}0, out int s{ks}a{i}1, out int s{ks}a{i}2, out int s{ks}a{i}3);")
        for j in range(fn // 2):
            roff = f" + {j * 16 * row_bytes}" if j else ""
            w(f"                Int8MmaAsync.LoadMatrixX4(tile, sb + (bLane{x}){roff}, out int s{ks}b{2 * j}0, out int s{ks}b{2 * j}1, out int s{ks}b{2 * j + 1}0, out int s{ks}b{2 * j + 1}1);")
        for i in range(fm):
            for j in range(fn):
                w(f"                Int8MmaFragment.MultiplyAccumulateManaged(ref c{i}{j}0, ref c{i}{j}1, ref c{i}{j}2, ref c{i}{j}3, s{ks}a{i}0, s{ks}a{i}1, s{ks}a{i}2, s{ks}a{i}3, s{ks}b{j}0, s{ks}b{j}1);")
    w("                Group.Barrier();")
    w("            }")
    w("        }")
    w("")
    w("")
    w("        int rowBase = row0 + warpRow + g;")
    w("        int colBase = col0 + warpCol + (2 * t);")
    w("        if (Grid.DimZ > 1)")
    w("        {")
    w("            // The sums are partial: add them into the workspace. The tile's last block to finish takes the totals (leaving")
    w("            // the workspace zero) and runs the epilogue; the others are done.")
    quads = [(i, j) for i in range(fm) for j in range(fn)]
    def pos(i, j):
        rs = f"rowBase + {16 * i}" if i else "rowBase"
        cs = f"colBase + {8 * j}" if j else "colBase"
        return rs, cs
    for i, j in quads:
        rs, cs = pos(i, j)
        w(f"            Int8SplitK.AddQuad(operands.SplitSums, rows, cols, c{i}{j}0, c{i}{j}1, c{i}{j}2, c{i}{j}3, {rs}, {cs});")
    w("            if (!Int8SplitK.IsLastOfTile(operands.SplitTickets, tile, block))")
    w("            {")
    w("                return;")
    w("            }")
    w("")
    for i, j in quads:
        rs, cs = pos(i, j)
        w(f"            Int8SplitK.TakeQuad(operands.SplitSums, rows, cols, ref c{i}{j}0, ref c{i}{j}1, ref c{i}{j}2, ref c{i}{j}3, {rs}, {cs});")
    w("        }")
    w("")
    w("        // The ring is free now: the epilogue may stage what the tile's outputs read (scales, outlier columns).")
    w(f"        epilogue.Prepare(tile, row0, col0, {bm}, {bn}, rows, cols);")
    for i in range(fm):
        for j in range(fn):
            ro = 16 * i
            co = 8 * j
            rs = f"rowBase + {ro}" if ro else "rowBase"
            cs = f"colBase + {co}" if co else "colBase"
            w(f"        StoreQuad(epilogue, c{i}{j}0, c{i}{j}1, c{i}{j}2, c{i}{j}3, {rs}, {cs}, rows, cols);")
    w("    }")
    return "\n".join(out)


def main():
    assert all(s[5] == 16 for s in SHAPES)  # Int8MmaGemm.KTileWords: the K split counts tiles of 16 words
    parts = []
    parts.append('''using ILGPU;
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
''')
    for s in SHAPES:
        parts.append(kernel(*s))
        parts.append("")
    parts.append('''    private static KernelConfig Config(Int8MmaTile tile, int rows, int cols, int splits) => new(
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
''')
    path = os.path.join("kernels", "QuantDsl.Kernels", "Gemm", "Int8MmaGemm.cs")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(parts))


if __name__ == "__main__":
    main()
