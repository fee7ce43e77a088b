using System.Runtime.CompilerServices;
using ILGPU;

namespace QuantDsl.Kernels.Gemv;

// Written out by a hand-run script (ILGPU does not unroll loops): one accumulator per token, up to 16 tokens.

/// <summary>
/// Weight-only decode GEMV / skinny GEMM with FP4 E2M1 weights: <c>y[t, o] = scale[o]·Σ_k x[t, k]·decode(W[o, k]) + bias[o]</c>
/// for 1 to <see cref="MaxTokens"/> tokens of fp32 activations. Weights are [out × words] words of eight 4-bit codes
/// (see <see cref="Fp4WeightPacking"/>: low nibble = even k). One warp per output channel reads each weight word once
/// (consecutive lanes, consecutive words: coalesced) and applies it to every token; a warp shuffle reduces.
/// </summary>
public static class Fp4Gemv
{
    /// <summary>Largest token count per launch.</summary>
    public const int MaxTokens = 16;

    /// <summary>Threads per block (8 warps, one output channel each).</summary>
    public const int Threads = 256;

    /// <summary>Weight codes per packed word.</summary>
    public const int CodesPerWord = 8;

    private const int RowsPerBlock = Threads / 32;

    /// <summary>One block per 8 output channels.</summary>
    public static KernelConfig Config(int outFeatures) => new((outFeatures + RowsPerBlock - 1) / RowsPerBlock, Threads);

    /// <summary>Computes y [tokens × outFeatures] (see the type summary).</summary>
    /// <param name="x">Activations [tokens × inFeatures].</param>
    /// <param name="weights">Packed weights [outFeatures × words].</param>
    /// <param name="scales">Per-output-channel scale.</param>
    /// <param name="bias">Per-output-channel bias (read only when <paramref name="hasBias"/> is 1).</param>
    /// <param name="hasBias">1 to add the bias.</param>
    /// <param name="y">Output [tokens × outFeatures].</param>
    /// <param name="tokens">1 to <see cref="MaxTokens"/>.</param>
    /// <param name="inFeatures">K.</param>
    /// <param name="outFeatures">Output channels.</param>
    /// <param name="words">Words per weight row (at least inFeatures / 8, rounded up).</param>
    public static void Kernel(
        ArrayView<float> x, ArrayView<int> weights, ArrayView<float> scales, ArrayView<float> bias, int hasBias,
        ArrayView<float> y, int tokens, int inFeatures, int outFeatures, int words)
    {
        int lane = Warp.LaneIdx;
        int output = (Grid.IdxX * RowsPerBlock) + (Group.IdxX >> 5);
        if (output >= outFeatures)
        {
            return;
        }

        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        float s8 = 0f;
        float s9 = 0f;
        float s10 = 0f;
        float s11 = 0f;
        float s12 = 0f;
        float s13 = 0f;
        float s14 = 0f;
        float s15 = 0f;
        long rowBase = (long)output * words;
        for (int word = lane; word < words; word += 32)
        {
            int packed = weights[rowBase + word];
            int k0 = word * 8;
            float w0 = Code(packed, 0);
            float w1 = Code(packed, 1);
            float w2 = Code(packed, 2);
            float w3 = Code(packed, 3);
            float w4 = Code(packed, 4);
            float w5 = Code(packed, 5);
            float w6 = Code(packed, 6);
            float w7 = Code(packed, 7);
            s0 += Dot(x, 0, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            if (tokens > 1)
            {
                s1 += Dot(x, 1, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 2)
            {
                s2 += Dot(x, 2, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 3)
            {
                s3 += Dot(x, 3, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 4)
            {
                s4 += Dot(x, 4, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 5)
            {
                s5 += Dot(x, 5, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 6)
            {
                s6 += Dot(x, 6, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 7)
            {
                s7 += Dot(x, 7, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 8)
            {
                s8 += Dot(x, 8, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 9)
            {
                s9 += Dot(x, 9, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 10)
            {
                s10 += Dot(x, 10, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 11)
            {
                s11 += Dot(x, 11, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 12)
            {
                s12 += Dot(x, 12, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 13)
            {
                s13 += Dot(x, 13, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 14)
            {
                s14 += Dot(x, 14, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

            if (tokens > 15)
            {
                s15 += Dot(x, 15, k0, inFeatures, w0, w1, w2, w3, w4, w5, w6, w7);
            }

        }

        float scale = scales[output];
        float add = hasBias != 0 ? bias[output] : 0f;
        Finish(s0, 0, output, outFeatures, scale, add, y, lane);
        if (tokens > 1)
        {
            Finish(s1, 1, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 2)
        {
            Finish(s2, 2, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 3)
        {
            Finish(s3, 3, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 4)
        {
            Finish(s4, 4, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 5)
        {
            Finish(s5, 5, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 6)
        {
            Finish(s6, 6, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 7)
        {
            Finish(s7, 7, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 8)
        {
            Finish(s8, 8, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 9)
        {
            Finish(s9, 9, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 10)
        {
            Finish(s10, 10, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 11)
        {
            Finish(s11, 11, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 12)
        {
            Finish(s12, 12, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 13)
        {
            Finish(s13, 13, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 14)
        {
            Finish(s14, 14, output, outFeatures, scale, add, y, lane);
        }

        if (tokens > 15)
        {
            Finish(s15, 15, output, outFeatures, scale, add, y, lane);
        }

    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(float sum, int token, int output, int outFeatures, float scale, float add, ArrayView<float> y, int lane)
    {
        sum += Warp.ShuffleXor(sum, 16);
        sum += Warp.ShuffleXor(sum, 8);
        sum += Warp.ShuffleXor(sum, 4);
        sum += Warp.ShuffleXor(sum, 2);
        sum += Warp.ShuffleXor(sum, 1);
        if (lane == 0)
        {
            y[((long)token * outFeatures) + output] = (sum * scale) + add;
        }
    }

    /// <summary>x[token, k0 .. k0 + n) · w, skipping k ≥ inFeatures (padding codes are zero; x is not padded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ArrayView<float> x, int token, int k0, int inFeatures, float w0, float w1, float w2, float w3, float w4, float w5, float w6, float w7)
    {
        long row = (long)token * inFeatures;
        float sum = 0f;
        sum += k0 < inFeatures ? x[row + k0] * w0 : 0f;
        sum += k0 + 1 < inFeatures ? x[row + k0 + 1] * w1 : 0f;
        sum += k0 + 2 < inFeatures ? x[row + k0 + 2] * w2 : 0f;
        sum += k0 + 3 < inFeatures ? x[row + k0 + 3] * w3 : 0f;
        sum += k0 + 4 < inFeatures ? x[row + k0 + 4] * w4 : 0f;
        sum += k0 + 5 < inFeatures ? x[row + k0 + 5] * w5 : 0f;
        sum += k0 + 6 < inFeatures ? x[row + k0 + 6] * w6 : 0f;
        sum += k0 + 7 < inFeatures ? x[row + k0 + 7] * w7 : 0f;
        return sum;
    }

    /// <summary>
    /// Decodes nibble <paramref name="index"/> of a word as FP4 E2M1 (ALGORITHMS.md §1.1): magnitude codes 0..7 are
    /// +0, 0.5, 1, 1.5, 2, 3, 4, 6 (exponent bias 1, one mantissa bit, code 1 subnormal); bit 3 is the sign.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Code(int packed, int index)
    {
        int code = (packed >> (4 * index)) & 0xF;
        int magnitude = code & 7;
        int exponent = magnitude >> 1;
        float mantissa = 1f + (0.5f * (magnitude & 1));
        float value = exponent == 0 ? 0.5f * magnitude : mantissa * (1 << (exponent - 1));
        return (code & 8) != 0 ? -value : value;
    }
}
