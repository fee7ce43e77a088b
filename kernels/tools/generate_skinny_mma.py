#!/usr/bin/env python3
"""Writes kernels/QuantDsl.Kernels/Gemv/SkinnyMmaPtx.cs: the whole K loop of SkinnyMmaGemm as one inline-PTX block per
weight format (int8, FP4) and token-tile count (1, 2). ILGPU 1.5.3 routes every asm operand through a local-memory
slot (never promoted by ptxas) and does not unroll loops, so per-instruction asm calls would put the mma operands in
local memory; here weights, activations and accumulators stay in PTX registers. Run from the repository root."""

import os

# Warps per block by token-tile count (SkinnyMmaGemm.WarpsFor): 8 up to 8 tokens, 4 past that, where one tile more of
# accumulators leaves room for one 4-warp block more per SM (H200, 2026-12-03: 8-11 % faster at 16 tokens, while 4
# warps made 1-8 tokens 4-27 % slower). A block's warps take consecutive K blocks of 4 vectors of 16 bytes per row.
WARPS = {1: 8, 2: 4}

# Operands: %0..%15 outputs (accumulator pairs), then these inputs.
INPUTS = ["row0", "row1", "row2", "row3", "row4", "row5", "row6", "row7", "x", "xStride", "block", "blocks", "vectorLimit"]


def decode_int8(dst, word, index):
    """Code `index` (0..3) of a flipped int8 word: under the exponent of 2^23, minus 2^23 + 128."""
    return [
        f"prmt.b32 kt, {word}, kexp, {0x7540 + index};",
        "mov.b32 kf, kt;",
        "sub.f32 kf, kf, 0f4B000080;",
        f"mov.b32 {dst}, kf;",
    ]


def decode_fp4(dst, word, nibble):
    """Nibble `nibble` (0..7) of an FP4 word: sign to bit 31, magnitude to bits 22..24, times 2^126 (no .ftz)."""
    lines = []
    sign_shift = 28 - 4 * nibble
    mag_shift = 22 - 4 * nibble
    if sign_shift:
        lines.append(f"shl.b32 ks, {word}, {sign_shift};")
    else:
        lines.append(f"mov.b32 ks, {word};")
    if mag_shift >= 0:
        lines.append(f"shl.b32 km, {word}, {mag_shift};")
    else:
        lines.append(f"shr.u32 km, {word}, {-mag_shift};")
    lines += [
        "and.b32 km, km, 0x01C00000;",
        # (ks & 0x80000000) | km
        "lop3.b32 kt, ks, km, ksign, 0xEC;",
        "mov.b32 kf, kt;",
        "mul.f32 kf, kf, 0f7E800000;",
        f"mov.b32 {dst}, kf;",
    ]
    return lines


def main_loop(codes, tiles):
    fmt = "i8" if codes == 16 else "f4"
    tag = f"{fmt}t{tiles}"
    steps = codes // 2
    warps = WARPS[tiles]
    step_bytes = warps * 64
    x_step = warps * steps * 512  # the split buffer is [tile][block][step][lane] pairs of 16 B: 512 B per step
    n = len(INPUTS)
    L = ["{"]
    L.append(".reg .pred kp, kv, knp, knv;")
    L.append(".reg .f32 kc<32>;")
    L.append(".reg .f32 kf;")
    L.append(".reg .b32 kw<32>;")
    L.append(".reg .b32 kn<32>;")
    L.append(".reg .b32 ka<4>;")
    L.append(".reg .b32 kx<8>;")
    if tiles == 2:
        L.append(".reg .b32 ky<8>;")
    L.append(".reg .b32 kb, kbn, kbl, kvl, kt4, kexp, ksign, ks, km, kt, klo, khi;")
    L.append(".reg .b64 kr<8>;")
    L.append(".reg .b64 kxa, kxb, kxs;")
    for r in range(8):
        L.append(f"mov.b64 kr{r}, %{16 + r};")
    L.append("mov.b64 kxa, %24;")
    L.append("mov.b64 kxs, %25;")
    L.append("mov.b32 kb, %26;")
    L.append("mov.b32 kbl, %27;")
    L.append("mov.b32 kvl, %28;")
    L.append("mov.b32 kexp, 0x4B000000;")
    L.append("mov.b32 ksign, 0x80000000;")
    used = [4 * (2 * r + t) + j for r in range(4) for t in range(tiles) for j in range(4)]
    for i in used:
        L.append(f"mov.f32 kc{i}, 0f00000000;")

    def load(prefix, pred, offset):
        out = []
        for i in range(32):
            out.append(f"mov.b32 {prefix}{i}, 0;")
        for r in range(8):
            regs = ",".join(f"{prefix}{4 * r + j}" for j in range(4))
            addr = f"kr{r}+{offset}" if offset else f"kr{r}"
            out.append(f"@{pred} ld.global.v4.u32 {{{regs}}}, [{addr}];")
        return out

    # This lane's first block: present when block < blocks, its vector when 4·block < vectorLimit (zero past the row).
    L.append("setp.lt.s32 kp, kb, kbl;")
    L.append("shl.b32 kt4, kb, 2;")
    L.append("setp.lt.and.s32 kv, kt4, kvl, kp;")
    L += load("kw", "kv", 0)
    L.append(f"@!kp bra.uni KDONE_{tag};")
    L.append(f"KLOOP_{tag}:")
    # The next block's vectors are requested before this block's are used.
    L.append(f"add.s32 kbn, kb, {warps};")
    L.append("setp.lt.s32 knp, kbn, kbl;")
    L.append("shl.b32 kt4, kbn, 2;")
    L.append("setp.lt.and.s32 knv, kt4, kvl, knp;")
    L += load("kn", "knv", step_bytes)
    if codes == 16:
        for i in range(32):
            L.append(f"xor.b32 kw{i}, kw{i}, 0x80808080;")
    if tiles == 2:
        L.append("add.s64 kxb, kxa, kxs;")
    def load_x(step):
        # Two token tiles: step `step`'s activations go into register set step % 2, one step ahead of their use (the
        # 4-warp blocks have fewer warps to hide the L1/L2 latency). One tile loads each step's at the step.
        bank = "kx" if tiles == 1 or step % 2 == 0 else "ky"
        out = [f"ld.global.v4.b32 {{{bank}0,{bank}1,{bank}2,{bank}3}}, [kxa+{512 * step}];"]
        if tiles == 2:
            out.append(f"ld.global.v4.b32 {{{bank}4,{bank}5,{bank}6,{bank}7}}, [kxb+{512 * step}];")
        return out

    if tiles == 2:
        L += load_x(0)
    for s in range(steps):
        if tiles == 1:
            L += load_x(s)
        elif s + 1 < steps:
            L += load_x(s + 1)
        bank = "kx" if tiles == 1 or s % 2 == 0 else "ky"
        for r in range(4):
            low, high = 2 * r, 2 * r + 1  # rows g and g + 8 of tile r
            for dst, row, code in (("ka0", low, 2 * s), ("ka1", high, 2 * s), ("ka2", low, 2 * s + 1), ("ka3", high, 2 * s + 1)):
                if codes == 16:
                    L += decode_int8(dst, f"kw{4 * row + code // 4}", code % 4)
                else:
                    L += decode_fp4(dst, f"kw{4 * row + code // 8}", code % 8)
            for t in range(tiles):
                c = ",".join(f"kc{4 * (2 * r + t) + j}" for j in range(4))
                xb = 4 * t
                for hi_lo in (0, 1):
                    L.append(
                        f"mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {{{c}}}, {{ka0,ka1,ka2,ka3}}, "
                        f"{{{bank}{xb + hi_lo},{bank}{xb + 2 + hi_lo}}}, {{{c}}};")
    for i in range(32):
        L.append(f"mov.b32 kw{i}, kn{i};")
    for r in range(8):
        L.append(f"add.s64 kr{r}, kr{r}, {step_bytes};")
    L.append(f"add.s64 kxa, kxa, {x_step};")
    L.append("mov.b32 kb, kbn;")
    L.append(f"@knp bra.uni KLOOP_{tag};")
    L.append(f"KDONE_{tag}:")
    for o in range(16):
        if 2 * o in used:
            L.append(f"mov.b32 klo, kc{2 * o};")
            L.append(f"mov.b32 khi, kc{2 * o + 1};")
            L.append(f"mov.b64 %{o}, {{klo,khi}};")
        else:
            L.append(f"mov.b64 %{o}, 0;")
    L.append("}")
    assert n + 16 == 29
    return L


def csharp_string(name, lines, doc):
    out = [f"    /// <summary>{doc}</summary>", f"    public const string {name} ="]
    for idx, line in enumerate(lines):
        end = ";" if idx == len(lines) - 1 else " +"
        out.append(f"        \"{line}\\n\"{end}")
    return out


def main():
    variants = [
        ("Int8OneTile", 16, 1, "int8 weights, up to 8 tokens."),
        ("Int8TwoTiles", 16, 2, "int8 weights, 9 to 16 tokens."),
        ("Fp4OneTile", 32, 1, "FP4 weights, up to 8 tokens."),
        ("Fp4TwoTiles", 32, 2, "FP4 weights, 9 to 16 tokens."),
    ]
    out = [
        "// <auto-generated> by kernels/tools/generate_skinny_mma.py; edit the script, not this file. </auto-generated>",
        "namespace QuantDsl.Kernels.Gemv;",
        "",
        "/// <summary>",
        "/// The K loops of <see cref=\"SkinnyMmaGemm{TWeights}\"/> on CUDA, one inline-PTX block per weight format and token-tile",
        "/// count (see the generator's docstring for why one block). Operands: %0..%15 receive the 32 accumulators in pairs",
        "/// (tile r, token tile n: pairs 4r + 2n, 4r + 2n + 1); %16..%23 the lane's vector addresses of its eight rows at its",
        "/// first K block; %24 the lane's split pair of its first block (token tile 0), %25 the bytes of a token tile; %26 the",
        "/// first block, %27 the block count, %28 the vector count of a row minus the lane's vector t.",
        "/// </summary>",
        "internal static class SkinnyMmaPtx",
        "{",
    ]
    for i, (name, codes, tiles, doc) in enumerate(variants):
        if i:
            out.append("")
        out += csharp_string(name, main_loop(codes, tiles), f"The K loop for {doc}")
    out.append("}")
    path = os.path.join("kernels", "QuantDsl.Kernels", "Gemv", "SkinnyMmaPtx.cs")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {path}")
    write_loop(variants)


def write_loop(variants):
    """SkinnyMmaLoop.cs: one EmitRef call site per variant (ILGPU needs the PTX text constant at each call)."""
    refs = ", ".join([f"ref o{i}" for i in range(16)] + [f"ref r{i}" for i in range(8)] + ["ref xa", "ref xs", "ref b", "ref bl", "ref vl"])
    out = [
        "// <auto-generated> by kernels/tools/generate_skinny_mma.py; edit the script, not this file. </auto-generated>",
        "using System.Runtime.CompilerServices;",
        "using ILGPU;",
        "using ILGPU.Runtime.Cuda;",
        "",
        "namespace QuantDsl.Kernels.Gemv;",
        "",
        "/// <summary>",
        "/// Runs the CUDA K loop of <see cref=\"SkinnyMmaGemm{TWeights}\"/> (<see cref=\"SkinnyMmaPtx\"/>) for one warp and",
        "/// returns the lane's accumulators; CUDA only (the managed loop in the kernel is its twin).",
        "/// </summary>",
        "internal static class SkinnyMmaLoop",
        "{",
        "    /// <summary>The K loop over blocks <paramref name=\"block\"/>, block + Warps, … below <paramref name=\"blocks\"/>.</summary>",
        "    [MethodImpl(MethodImplOptions.AggressiveInlining)]",
        "    public static SkinnySums Run(bool fp4, bool twoTiles, SkinnyRowAddresses rows, long x, long xStride, int block, int blocks, int vectorLimit)",
        "    {",
    ]
    for i in range(16):
        out.append(f"        Output<long> o{i} = default;")
    for i in range(8):
        out.append(f"        Input<long> r{i} = rows.Row{i};")
    out += [
        "        Input<long> xa = x;",
        "        Input<long> xs = xStride;",
        "        Input<int> b = block;",
        "        Input<int> bl = blocks;",
        "        Input<int> vl = vectorLimit;",
    ]
    by = {(codes, tiles): name for name, codes, tiles, _ in variants}
    out += [
        "        if (fp4)",
        "        {",
        "            if (twoTiles)",
        "            {",
        f"                CudaAsm.EmitRef(SkinnyMmaPtx.{by[(32, 2)]}, {refs});",
        "            }",
        "            else",
        "            {",
        f"                CudaAsm.EmitRef(SkinnyMmaPtx.{by[(32, 1)]}, {refs});",
        "            }",
        "        }",
        "        else if (twoTiles)",
        "        {",
        f"            CudaAsm.EmitRef(SkinnyMmaPtx.{by[(16, 2)]}, {refs});",
        "        }",
        "        else",
        "        {",
        f"            CudaAsm.EmitRef(SkinnyMmaPtx.{by[(16, 1)]}, {refs});",
        "        }",
        "",
        "        // Pair 2·(2r + n) holds accumulators 0–1 of channel tile r, token tile n; pair 2·(2r + n) + 1 holds 2–3.",
        "        return new SkinnySums",
        "        {",
    ]
    names = [f"Tile{r}N{n}" for r in range(4) for n in range(2)]
    for idx, name in enumerate(names):
        out.append(f"            {name} = Pair(o{2 * idx}.Value, o{2 * idx + 1}.Value),")
    out += [
        "        };",
        "    }",
        "",
        "    [MethodImpl(MethodImplOptions.AggressiveInlining)]",
        "    private static Tf32Accumulator Pair(long low, long high) => new()",
        "    {",
        "        C0 = Interop.IntAsFloat((uint)low),",
        "        C1 = Interop.IntAsFloat((uint)(low >> 32)),",
        "        C2 = Interop.IntAsFloat((uint)high),",
        "        C3 = Interop.IntAsFloat((uint)(high >> 32)),",
        "    };",
        "}",
    ]
    path = os.path.join("kernels", "QuantDsl.Kernels", "Gemv", "SkinnyMmaLoop.cs")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
