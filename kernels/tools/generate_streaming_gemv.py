#!/usr/bin/env python3
"""Writes the one-token streaming int8 decode GEMV (kernels/QuantDsl.Kernels/Gemv/Int8StreamingGemv.cs). ILGPU 1.5.3
does not unroll loops, so the per-channel code and the 16-term dot product (its PTX and its managed twin) are written
out here. Run from the repository root."""

import os

MAX_CHANNELS = 4
OUT = "kernels/QuantDsl.Kernels/Gemv"


def kernel():
    name = "Int8StreamingGemv"
    codes = 16
    parts = codes // 4
    shift = 4
    channels = range(MAX_CHANNELS)

    def guarded(c, text, indent):
        if c == 0:
            return f"{indent}{text}"
        return f"{indent}if (channels > {c})\n{indent}{{\n{indent}    {text}\n{indent}}}\n"

    decl_rows = "\n".join(
        f"        long row{c} = (long)Math.Min(channel + {c}, outFeatures - 1) * vectorsPerRow;" if c else
        "        long row0 = (long)channel * vectorsPerRow;" for c in channels)
    decl_sums = "\n".join(f"        float sum{c} = 0f;" for c in channels)
    issue_rows = ", ".join(f"row{c}" for c in channels)
    first_x = "\n".join(f"            x{j} = activations[({parts}L * lane) + {j}];" for j in range(parts))
    next_decl = ", ".join(f"n{j} = default" for j in range(parts))
    next_x = "\n".join(f"                n{j} = activations[({parts}L * (v + 32)) + {j}];" for j in range(parts))
    rotate = "\n".join(f"            x{j} = n{j};" for j in range(parts))
    use = "x"
    args = ", ".join(f"{use}{j}" for j in range(parts))
    dots = "\n".join(guarded(c, f"sum{c} = Dot(sum{c}, ring[slot + {c * 32}], {args});" if c else f"sum0 = Dot(sum0, ring[slot], {args});", "            ")
                      for c in channels)
    loop = f'''        // Prologue: the copies of this lane's first Stages − 1 steps go out before any is used.
        for (int ahead = 0; ahead < stages - 1; ahead++)
        {{
            Issue(ring, vectors, weightsAddress, ringBase, ringByte, ahead & (stages - 1), lane + (32 * ahead), whole, channels, {issue_rows});
        }}

        // This lane's first activations; every step then requests the next step's before it computes (x misses L1 once
        // the ring has taken most of it, and an L2 round trip per step would stall the warp).
        ActivationVector {", ".join(f"x{j} = default" for j in range(parts))};
        if (lane < whole)
        {{
{first_x}
        }}

        int step = 0;
        for (int v = lane; v < whole; v += 32)
        {{
            // Refill the slot used one step ago (its registers are consumed) with the copy Stages − 1 steps ahead, then wait
            // until at most Stages − 1 copy groups are pending: this step's group has landed in shared memory.
            int ahead = step + stages - 1;
            Issue(ring, vectors, weightsAddress, ringBase, ringByte, ahead & (stages - 1), lane + (32 * ahead), whole, channels, {issue_rows});
            StreamingCopy.Wait(stages);

            ActivationVector {next_decl};
            if (v + 32 < whole)
            {{
{next_x}
            }}

            int slot = ringBase + ((step & (stages - 1)) * channels * 32);
{dots}
{rotate}
            step++;
        }}'''

    tail_parts = "\n".join(
        f"            var t{j} = TailPart(x, tailK + {4 * j}, inFeatures);" for j in range(parts))
    tail_args = ", ".join(f"t{j}" for j in range(parts))
    tail_dots = "\n".join(guarded(c, f"sum{c} = Dot(sum{c}, vectors[row{c} + whole], {tail_args});", "            ") for c in channels)

    finish = "\n".join(guarded(c, f"Finish(sum{c}, {'channel + ' + str(c) if c else 'channel'}, outFeatures, scales, bias, hasBias, y, lane);", "        ")
                       for c in channels)

    issue_params = ", ".join(f"long row{c}" for c in channels)
    issue_body = "\n".join(guarded(c, f"StreamingCopy.Vector(ring, vectors, weightsAddress, ringBase + {c * 32}, ringByte + {c * 512}, row{c} + v);" if c else
                                     "StreamingCopy.Vector(ring, vectors, weightsAddress, ringBase, ringByte, row0 + v);", "            ") for c in channels)
    issue = f'''
    /// <summary>
    /// Copies this lane's vector <paramref name="v"/> of each channel row into ring slot <paramref name="slot"/> (when
    /// <paramref name="v"/> is inside K) and closes one copy group either way, so that every lane counts the same groups.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Issue(ArrayView<WeightVector> ring, ArrayView<WeightVector> vectors, long weightsAddress, int ringBase, int ringByte, int slot, int v, int whole, int channels, {issue_params})
    {{
        if (v < whole)
        {{
            int channelsSlot = slot * channels;
            ringBase += channelsSlot * 32;
            ringByte += channelsSlot * 512;
{issue_body}
        }}

        StreamingCopy.Commit();
    }}
'''

    dot_params = ", ".join(f"ActivationVector x{j}" for j in range(parts))
    terms = []
    for k in range(codes):
        word = "XYZW"[k // (codes // 4)]
        index = k % (codes // 4)
        part, comp = k // 4, "XYZW"[k % 4]
        code = f"WeightCodes.Int8Shifted(w{word}, {index})"
        chain = "even" if k % 2 == 0 else "odd"
        op = "=" if k < 2 else "+="
        terms.append(f"        {'float ' if k < 2 else ''}{chain} {op} x{part}.{comp} * {code};")
    words = "\n".join(f"        uint w{c} = (uint)w.{c} ^ 0x80808080u;" for c in "XYZW")

    what = ('int8 weights', 'four int8 codes per word (as the int8 GEMM operands), rows a whole number of 16-byte vectors (the GEMM pads rows to 32 codes)')
    decode_doc = '''    /// <summary>
    /// Adds one lane's 16 products of a weight vector and its activations to <paramref name="sum"/>: one XOR per word,
    /// a shift, a mask-and-OR and one subtraction per code (<see cref="WeightCodes.Int8Shifted"/>: no inline PTX, whose
    /// outputs ILGPU passes through local memory that ptxas did not promote in this kernel — 4.7× slower), then the
    /// multiply-add. Two chains (even and odd k) halve the dependent-add latency.
    /// </summary>'''

    return f'''// <auto-generated> by kernels/tools/generate_streaming_gemv.py; edit the script, not this file. </auto-generated>
using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// One-token weight-only decode GEMV with {what[0]}: <c>y[o] = scale[o]·Σ_k x[k]·W[o, k] + bias[o]</c>, fp32 activations.
/// Weights are [out × words], {what[1]}.
/// Built for the batch-1 decode step, where the weights are read once and nothing else costs. Each warp owns
/// <c>channelsPerWarp</c> consecutive output channels; lane l streams 16-byte vectors l, l + 32, … of each of its
/// channels' rows (512 contiguous bytes per warp and row per step) with <c>cp.async</c> into a private ring of
/// <see cref="SlotsPerWarp"/> shared-memory slots, <c>Stages − 1</c> steps ahead of the one it works on, so the loads in
/// flight cost no registers (held in registers, three steps of four channels took 158 and capped the SM at 12 warps).
/// Each lane reads back only what it copied: no barriers, and no lane waits for another. The activations come as
/// 16-byte loads issued one step ahead (they mostly hit L1: every warp of the SM reads the same x). Sums are fp32 in k order per lane, then a
/// warp butterfly: within the float32 bound of K + 1 terms. K need not be a multiple of the vector: lane 0 adds the last,
/// partial vector with plain guarded loads. On the CPU accelerator the copies are plain stores (<see cref="StreamingCopy"/>).
/// </summary>
public static class {name}
{{
    /// <summary>Threads per block (4 warps; no block-wide state, so the block size only sets scheduling granularity).</summary>
    public const int Threads = 128;

    /// <summary>Warps per block.</summary>
    public const int WarpsPerBlock = Threads / 32;

    /// <summary>Largest <c>channelsPerWarp</c>.</summary>
    public const int MaxChannelsPerWarp = {MAX_CHANNELS};

    /// <summary>
    /// Ring slots (one 512-byte warp-wide vector of one channel row each) per warp: Stages = SlotsPerWarp / channelsPerWarp
    /// steps. 8 KB per warp, 32 KB per block: six blocks (24 warps) per Hopper SM.
    /// </summary>
    public const int SlotsPerWarp = StreamingCopy.SlotsPerWarp;

    /// <summary>Codes per 16-byte weight vector (one lane copy).</summary>
    public const int CodesPerVector = {codes};

    /// <summary>log2 of <see cref="CodesPerVector"/>.</summary>
    public const int VectorShift = {shift};

    /// <summary>The launch for <paramref name="outFeatures"/> channels at <paramref name="channelsPerWarp"/> (1, 2 or 4) channels per warp.</summary>
    public static KernelConfig Config(int outFeatures, int channelsPerWarp)
    {{
        int warps = (outFeatures + channelsPerWarp - 1) / channelsPerWarp;
        return new((warps + WarpsPerBlock - 1) / WarpsPerBlock, Threads);
    }}

    /// <summary>Computes y [1 × outFeatures] (see the type summary).</summary>
    /// <param name="x">Activations [inFeatures], 16-byte aligned (device buffers are).</param>
    /// <param name="weights">Packed weights [outFeatures × words], 16-byte aligned.</param>
    /// <param name="scales">Per-output-channel scale.</param>
    /// <param name="bias">Per-output-channel bias (read only when <paramref name="hasBias"/> is 1).</param>
    /// <param name="hasBias">1 to add the bias.</param>
    /// <param name="y">Output [outFeatures].</param>
    /// <param name="channelsPerWarp">1, 2 or 4 (specialized: only that many channels' code exists). More channels share
    /// each activation load; fewer give more warps when the layer has few outputs.</param>
    /// <param name="inFeatures">K.</param>
    /// <param name="outFeatures">Output channels.</param>
    /// <param name="words">Words per weight row: a multiple of 4 covering inFeatures codes.</param>
    /// <param name="weightsAddress">Device address of <paramref name="weights"/>' element 0 (<c>cp.async</c> is inline
    /// PTX, and ILGPU device code cannot take a view's address); unused on the CPU accelerator.</param>
    public static void Kernel(
        ArrayView<float> x, ArrayView<int> weights, ArrayView<float> scales, ArrayView<float> bias, int hasBias,
        ArrayView<float> y, SpecializedValue<int> channelsPerWarp, int inFeatures, int outFeatures, int words, long weightsAddress)
    {{
        // The ring is the kernel's only shared allocation, so StreamingCopy finds its address by name.
        var ring = SharedMemory.Allocate<WeightVector>(WarpsPerBlock * SlotsPerWarp * 32);
        int channels = channelsPerWarp.Value;
        int stages = SlotsPerWarp / channels;
        int lane = Warp.LaneIdx;
        int warp = Group.IdxX >> 5;
        int channel = ((Grid.IdxX * WarpsPerBlock) + warp) * channels;

        // Nothing is shared across warps, so a warp past the last channel may leave.
        if (channel >= outFeatures)
        {{
            return;
        }}

        var vectors = weights.Cast<WeightVector>();
        var activations = x.Cast<ActivationVector>();
        int vectorsPerRow = words >> 2;

        // This lane's vector in slot 0 of its warp's ring, as a ring index and as a shared-window byte address.
        int ringBase = (warp * SlotsPerWarp * 32) + lane;
        int ringByte = StreamingCopy.RingAddress(ringBase);

        // A warp's channels past the last one re-read the last row and write nothing.
{decl_rows}

        // Vectors wholly inside K; the next one, if K is not a multiple of CodesPerVector, is the partial tail.
        int whole = inFeatures >> VectorShift;
{decl_sums}

{loop}

        if ((whole << VectorShift) < inFeatures && lane == 0)
        {{
            long tailK = (long)whole << VectorShift;
{tail_parts}
{tail_dots}
        }}

{finish}
    }}
{issue}
{decode_doc}
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(float sum, WeightVector w, {dot_params})
    {{
{words}
{chr(10).join(terms)}
        return sum + (even + odd);
    }}

    /// <summary>Activations k .. k + 3, zero past <paramref name="inFeatures"/> (the partial last vector).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ActivationVector TailPart(ArrayView<float> x, long k, int inFeatures) => new()
    {{
        X = k < inFeatures ? x[k] : 0f,
        Y = k + 1 < inFeatures ? x[k + 1] : 0f,
        Z = k + 2 < inFeatures ? x[k + 2] : 0f,
        W = k + 3 < inFeatures ? x[k + 3] : 0f,
    }};

    /// <summary>The warp's total for one channel, scaled, biased and written by lane 0 (channels past the end are not written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(float sum, int channel, int outFeatures, ArrayView<float> scales, ArrayView<float> bias, int hasBias, ArrayView<float> y, int lane)
    {{
        float total = GemvStaging.WarpSum(sum);
        if (lane == 0 && channel < outFeatures)
        {{
            y[channel] = (total * scales[channel]) + (hasBias != 0 ? bias[channel] : 0f);
        }}
    }}
}}
'''


def main():
    with open(os.path.join(OUT, "Int8StreamingGemv.cs"), "w", encoding="utf-8", newline="\n") as f:
        f.write(kernel().replace("\n\n\n", "\n\n").replace("\n\n        }", "\n        }").replace("\n\n            }", "\n            }").replace("\n\n    }", "\n    }"))


if __name__ == "__main__":
    main()
