using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QuantDsl.Kernels.Simd;

/// <summary>
/// Weight-only skinny GEMM for decode (M = 1..16): fp32 activations against int8 weights with one scale per
/// output channel, <c>y[r, c] = scale[c]·Σ_k x[r, k]·w[c, k]</c>. Weights are widened to fp32 in registers, so
/// they stream from memory once per call at a quarter of the fp32 bytes; work is split over output channels.
/// </summary>
public static class WeightOnlyGemvCpu
{
    private const int ColumnsPerTask = 64;

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
