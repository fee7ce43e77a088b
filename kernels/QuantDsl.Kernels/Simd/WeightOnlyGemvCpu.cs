using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QuantDsl.Kernels.Simd;

/// <summary>
/// Weight-only skinny GEMM for decode (M = 1..16): fp32 activations against int8 weights with one scale per
/// output channel, <c>y[r, c] = scale[c]·Σ_k x[r, k]·w[c, k]</c>. Weights are widened to fp32 in registers, so
/// they stream from memory once per call at a quarter of the fp32 bytes (FP4: an eighth); work is split over output channels.
/// </summary>
public static class WeightOnlyGemvCpu
{
    private const int ColumnsPerTask = 64;

    // FP4: output channels decoded together, sharing each activation load.
    private const int Fp4Columns = 4;

    // FP4: words (8 codes each) decoded per pass over the rows of x.
    private const int Fp4ChunkWords = 32;

    /// <summary>Computes y = x·(s ⊙ W)ᵀ.</summary>
    /// <param name="x">Activations [m × k], row-major.</param>
    /// <param name="m">Rows of x and y.</param>
    /// <param name="weights">Int8 weights [n × k], one K-contiguous row per output channel.</param>
    /// <param name="scales">Per-output-channel scale, n values.</param>
    /// <param name="y">Output [m × n], row-major.</param>
    /// <param name="n">Output channels.</param>
    /// <param name="k">Reduction length.</param>
    public static void MultiplyInt8(float[] x, int m, sbyte[] weights, float[] scales, float[] y, int n, int k)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(y);
        if (m < 0 || n < 0 || k < 0 || (long)m * k > x.Length || (long)n * k > weights.Length || n > scales.Length || (long)m * n > y.Length)
        {
            throw new ArgumentException(
                $"Weight-only GEMV operands do not fit: m={m}, n={n}, k={k}, |x|={x.Length}, |w|={weights.Length}, |scales|={scales.Length}, |y|={y.Length}.");
        }

        int tasks = (n + ColumnsPerTask - 1) / ColumnsPerTask;
        Parallel.For(0, tasks, task =>
        {
            int col1 = Math.Min((task + 1) * ColumnsPerTask, n);
            for (int col = task * ColumnsPerTask; col < col1; col++)
            {
                var w = new ReadOnlySpan<sbyte>(weights, col * k, k);
                for (int row = 0; row < m; row++)
                {
                    y[(row * n) + col] = scales[col] * Dot(new ReadOnlySpan<float>(x, row * k, k), w);
                }
            }
        });
    }

    /// <summary>
    /// Computes y = x·(s ⊙ decode(W))ᵀ for FP4 (E2M1) weights packed as <see cref="Gemv.Fp4WeightPacking"/> packs them for
    /// the GPU GEMV: eight 4-bit codes per int word (low nibble = even k; bit 3 the sign, magnitudes 0, 0.5, 1, 1.5, 2, 3,
    /// 4, 6), one scale per output channel. Four output channels at a time are decoded once into fp32 (in registers, a
    /// table permute per eight codes) and applied to every row of x, so each weight byte is read once per call.
    /// </summary>
    /// <param name="x">Activations [m × k], row-major.</param>
    /// <param name="m">Rows of x and y (decode: 1..16; any count works).</param>
    /// <param name="weights">Packed weights [n × words], <c>words = ⌈k / 8⌉</c>.</param>
    /// <param name="scales">Per-output-channel scale, n values.</param>
    /// <param name="y">Output [m × n], row-major.</param>
    /// <param name="n">Output channels.</param>
    /// <param name="k">Reduction length.</param>
    public static void MultiplyFp4(float[] x, int m, int[] weights, float[] scales, float[] y, int n, int k)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(y);
        int words = Gemv.Fp4WeightPacking.WordsPerRow(k);
        if (m < 0 || n < 0 || k < 0 || (long)m * k > x.Length || (long)n * words > weights.Length || n > scales.Length || (long)m * n > y.Length)
        {
            throw new ArgumentException(
                $"FP4 weight-only GEMV operands do not fit: m={m}, n={n}, k={k} ({words} words per row), |x|={x.Length}, |w|={weights.Length}, |scales|={scales.Length}, |y|={y.Length}.");
        }

        int groups = (n + Fp4Columns - 1) / Fp4Columns;
        int tasks = Math.Max(1, Math.Min(groups, 8 * Environment.ProcessorCount));
        int groupsPerTask = (groups + tasks - 1) / tasks;
        Parallel.For(0, (groups + groupsPerTask - 1) / groupsPerTask, task =>
        {
            // The decoded weights of four channels for one K chunk (padding codes are +0): 4 × 256 floats stay in L1
            // while every row of x passes over them; partial sums per (row, channel) carry across chunks.
            var decoded = ArrayPool<float>.Shared.Rent(Fp4Columns * Fp4ChunkWords * 8);
            var partial = ArrayPool<float>.Shared.Rent(m * Fp4Columns);
            try
            {
                int group1 = Math.Min((task + 1) * groupsPerTask, groups);
                for (int group = task * groupsPerTask; group < group1; group++)
                {
                    int col0 = group * Fp4Columns;
                    int cols = Math.Min(Fp4Columns, n - col0);
                    if (m == 1 && cols == Fp4Columns && Avx2.IsSupported)
                    {
                        // Decode: each weight word is used once, so decode it in registers instead of through memory.
                        var sums = Dot4Fused(new ReadOnlySpan<float>(x, 0, k), new ReadOnlySpan<int>(weights, col0 * words, Fp4Columns * words), words);
                        for (int c = 0; c < Fp4Columns; c++)
                        {
                            y[col0 + c] = scales[col0 + c] * sums[c];
                        }

                        continue;
                    }

                    Array.Clear(partial, 0, m * Fp4Columns);
                    for (int word0 = 0; word0 < words; word0 += Fp4ChunkWords)
                    {
                        int chunkWords = Math.Min(Fp4ChunkWords, words - word0);
                        int stride = chunkWords * 8;
                        for (int c = 0; c < Fp4Columns; c++)
                        {
                            // A missing channel decodes the last one again; its sums are never stored.
                            var source = new ReadOnlySpan<int>(weights, (Math.Min(col0 + c, n - 1) * words) + word0, chunkWords);
                            DecodeFp4Row(source, new Span<float>(decoded, c * stride, stride));
                        }

                        int length = Math.Min(stride, k - (word0 * 8));
                        for (int row = 0; row < m; row++)
                        {
                            var sums = Dot4(new ReadOnlySpan<float>(x, (row * k) + (word0 * 8), length), decoded, stride);
                            for (int c = 0; c < Fp4Columns; c++)
                            {
                                partial[(row * Fp4Columns) + c] += sums[c];
                            }
                        }
                    }

                    for (int row = 0; row < m; row++)
                    {
                        for (int c = 0; c < cols; c++)
                        {
                            y[(row * n) + col0 + c] = scales[col0 + c] * partial[(row * Fp4Columns) + c];
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(decoded);
                ArrayPool<float>.Shared.Return(partial);
            }
        });
    }

    /// <summary>E2M1 nibbles → fp32, eight per word; nibble j of word w is k = 8w + j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DecodeFp4Row(ReadOnlySpan<int> words, Span<float> target)
    {
        int w = 0;
        if (Avx2.IsSupported)
        {
            var shifts = Vector256.Create(0u, 4, 8, 12, 16, 20, 24, 28);
            var magnitudes = Vector256.Create(0f, 0.5f, 1f, 1.5f, 2f, 3f, 4f, 6f);
            var signBit = Vector256.Create(0x80000000u);
            ref float t = ref MemoryMarshal.GetReference(target);
            for (; w < words.Length; w++)
            {
                Decode(words[w], shifts, magnitudes, signBit).StoreUnsafe(ref t, (nuint)(w * 8));
            }
        }

        for (; w < words.Length; w++)
        {
            for (int j = 0; j < 8; j++)
            {
                target[(w * 8) + j] = 0.5f * Formats.E2M1.FromNibble((words[w] >> (4 * j)) & 0xF);
            }
        }
    }

    /// <summary>Four dot products of one activation row with four packed FP4 weight rows (row c at word c·words), decoded in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector128<float> Dot4Fused(ReadOnlySpan<float> x, ReadOnlySpan<int> weights, int words)
    {
        var shifts = Vector256.Create(0u, 4, 8, 12, 16, 20, 24, 28);
        var magnitudes = Vector256.Create(0f, 0.5f, 1f, 1.5f, 2f, 3f, 4f, 6f);
        var signBit = Vector256.Create(0x80000000u);
        ref float px = ref MemoryMarshal.GetReference(x);
        ref int w0 = ref MemoryMarshal.GetReference(weights);
        ref int w1 = ref Unsafe.Add(ref w0, words);
        ref int w2 = ref Unsafe.Add(ref w0, 2 * words);
        ref int w3 = ref Unsafe.Add(ref w0, 3 * words);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int full = x.Length / 8;
        for (int w = 0; w < full; w++)
        {
            var xv = Vector256.LoadUnsafe(ref px, (nuint)(w * 8));
            a0 = Vector256.FusedMultiplyAdd(xv, Decode(Unsafe.Add(ref w0, w), shifts, magnitudes, signBit), a0);
            a1 = Vector256.FusedMultiplyAdd(xv, Decode(Unsafe.Add(ref w1, w), shifts, magnitudes, signBit), a1);
            a2 = Vector256.FusedMultiplyAdd(xv, Decode(Unsafe.Add(ref w2, w), shifts, magnitudes, signBit), a2);
            a3 = Vector256.FusedMultiplyAdd(xv, Decode(Unsafe.Add(ref w3, w), shifts, magnitudes, signBit), a3);
        }

        float s0 = Vector256.Sum(a0), s1 = Vector256.Sum(a1), s2 = Vector256.Sum(a2), s3 = Vector256.Sum(a3);
        for (int i = full * 8; i < x.Length; i++)
        {
            float xi = Unsafe.Add(ref px, i);
            int shift = 4 * (i % 8);
            s0 = MathF.FusedMultiplyAdd(xi, 0.5f * Formats.E2M1.FromNibble((Unsafe.Add(ref w0, i / 8) >> shift) & 0xF), s0);
            s1 = MathF.FusedMultiplyAdd(xi, 0.5f * Formats.E2M1.FromNibble((Unsafe.Add(ref w1, i / 8) >> shift) & 0xF), s1);
            s2 = MathF.FusedMultiplyAdd(xi, 0.5f * Formats.E2M1.FromNibble((Unsafe.Add(ref w2, i / 8) >> shift) & 0xF), s2);
            s3 = MathF.FusedMultiplyAdd(xi, 0.5f * Formats.E2M1.FromNibble((Unsafe.Add(ref w3, i / 8) >> shift) & 0xF), s3);
        }

        return Vector128.Create(s0, s1, s2, s3);
    }

    /// <summary>Eight E2M1 nibbles of one word → fp32: vpsrlvd moves nibble j to lane j, vpermps reads the 3 magnitude bits, bit 3 becomes the sign.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Decode(int word, Vector256<uint> shifts, Vector256<float> magnitudes, Vector256<uint> signBit)
    {
        var lanes = Avx2.ShiftRightLogicalVariable(Vector256.Create((uint)word), shifts);
        var magnitude = Avx2.PermuteVar8x32(magnitudes, lanes.AsInt32());
        return (magnitude.AsUInt32() ^ (Avx2.ShiftLeftLogical(lanes, 28) & signBit)).AsSingle();
    }

    /// <summary>Four dot products of one activation row with four decoded weight rows (row c at <c>decoded[c·stride ..]</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector128<float> Dot4(ReadOnlySpan<float> x, float[] decoded, int stride)
    {
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float w0 = ref decoded[0];
        ref float w1 = ref Unsafe.Add(ref w0, stride);
        ref float w2 = ref Unsafe.Add(ref w0, 2 * stride);
        ref float w3 = ref Unsafe.Add(ref w0, 3 * stride);
        int length = x.Length;
        int i = 0;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i <= length - 8; i += 8)
            {
                var xv = Vector256.LoadUnsafe(ref px, (nuint)i);
                a0 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref w0, (nuint)i), a0);
                a1 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref w1, (nuint)i), a1);
                a2 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref w2, (nuint)i), a2);
                a3 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref w3, (nuint)i), a3);
            }

            s0 = Vector256.Sum(a0);
            s1 = Vector256.Sum(a1);
            s2 = Vector256.Sum(a2);
            s3 = Vector256.Sum(a3);
        }

        for (; i < length; i++)
        {
            float xi = Unsafe.Add(ref px, i);
            s0 = MathF.FusedMultiplyAdd(xi, Unsafe.Add(ref w0, i), s0);
            s1 = MathF.FusedMultiplyAdd(xi, Unsafe.Add(ref w1, i), s1);
            s2 = MathF.FusedMultiplyAdd(xi, Unsafe.Add(ref w2, i), s2);
            s3 = MathF.FusedMultiplyAdd(xi, Unsafe.Add(ref w3, i), s3);
        }

        return Vector128.Create(s0, s1, s2, s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<sbyte> w)
    {
        ref float xStart = ref MemoryMarshal.GetReference(x);
        ref sbyte wStart = ref MemoryMarshal.GetReference(w);
        int length = x.Length;
        int i = 0;
        float sum = 0f;
        if (Vector256.IsHardwareAccelerated && length >= 16)
        {
            var acc0 = Vector256<float>.Zero;
            var acc1 = Vector256<float>.Zero;
            for (; i <= length - 16; i += 16)
            {
                var codes = Vector128.LoadUnsafe(ref wStart, (nuint)i);
                Vector256<float> w0, w1;
                if (Avx2.IsSupported)
                {
                    // vpmovsxbd: one instruction per 8 codes (the portable widen chain was several times slower here).
                    w0 = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(codes));
                    w1 = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(codes, 8)));
                }
                else
                {
                    var low = Vector128.WidenLower(codes);
                    var high = Vector128.WidenUpper(codes);
                    w0 = Vector256.ConvertToSingle(Vector256.Create(Vector128.WidenLower(low), Vector128.WidenUpper(low)));
                    w1 = Vector256.ConvertToSingle(Vector256.Create(Vector128.WidenLower(high), Vector128.WidenUpper(high)));
                }

                acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xStart, (nuint)i), w0, acc0);
                acc1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xStart, (nuint)(i + 8)), w1, acc1);
            }

            sum = Vector256.Sum(acc0 + acc1);
        }

        for (; i < length; i++)
        {
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref xStart, i), Unsafe.Add(ref wStart, i), sum);
        }

        return sum;
    }
}
