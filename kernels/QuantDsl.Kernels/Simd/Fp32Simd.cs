using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QuantDsl.Kernels.Simd;

/// <summary>SIMD fp32 primitives of the CPU GEMMs: dot product, AXPY from fp32 and from int8 codes.</summary>
public static class Fp32Simd
{
    /// <summary><c>y[i] += alpha · x[i]</c>.</summary>
    public static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        CheckLengths(x.Length, y.Length);
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float py = ref MemoryMarshal.GetReference(y);
        int length = x.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var a = Vector512.Create(alpha);
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512.FusedMultiplyAdd(a, Vector512.LoadUnsafe(ref px, (nuint)i), Vector512.LoadUnsafe(ref py, (nuint)i))
                    .StoreUnsafe(ref py, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(alpha);
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256.FusedMultiplyAdd(a, Vector256.LoadUnsafe(ref px, (nuint)i), Vector256.LoadUnsafe(ref py, (nuint)i))
                    .StoreUnsafe(ref py, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref py, i) = MathF.FusedMultiplyAdd(alpha, Unsafe.Add(ref px, i), Unsafe.Add(ref py, i));
        }
    }

    /// <summary><c>Σ_i x[i]·y[i]</c> in float32 with four independent FMA chains (Vector512 or Vector256).</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        CheckLengths(x.Length, y.Length);
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float py = ref MemoryMarshal.GetReference(y);
        int length = x.Length;
        int i = 0;
        float sum = 0f;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            var s0 = Vector512<float>.Zero;
            var s1 = Vector512<float>.Zero;
            int width = Vector512<float>.Count;
            for (; i <= length - (2 * width); i += 2 * width)
            {
                s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref px, (nuint)i), Vector512.LoadUnsafe(ref py, (nuint)i), s0);
                s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref px, (nuint)(i + width)), Vector512.LoadUnsafe(ref py, (nuint)(i + width)), s1);
            }

            for (; i <= length - width; i += width)
            {
                s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref px, (nuint)i), Vector512.LoadUnsafe(ref py, (nuint)i), s0);
            }

            sum = Vector512.Sum(s0 + s1);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            var s0 = Vector256<float>.Zero;
            var s1 = Vector256<float>.Zero;
            int width = Vector256<float>.Count;
            for (; i <= length - (2 * width); i += 2 * width)
            {
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)i), Vector256.LoadUnsafe(ref py, (nuint)i), s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)(i + width)), Vector256.LoadUnsafe(ref py, (nuint)(i + width)), s1);
            }

            for (; i <= length - width; i += width)
            {
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)i), Vector256.LoadUnsafe(ref py, (nuint)i), s0);
            }

            sum = Vector256.Sum(s0 + s1);
        }

        for (; i < length; i++)
        {
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref px, i), Unsafe.Add(ref py, i), sum);
        }

        return sum;
    }

    /// <summary><c>y[i] += alpha · codes[i]</c>: a dequantized int8 row added without materializing it.</summary>
    public static void AxpyInt8(float alpha, ReadOnlySpan<sbyte> codes, Span<float> y)
    {
        CheckLengths(codes.Length, y.Length);
        ref sbyte px = ref MemoryMarshal.GetReference(codes);
        ref float py = ref MemoryMarshal.GetReference(y);
        int length = codes.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(alpha);
            for (; i <= length - 32; i += 32)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref px, (nuint)i));
                var (x0, x1) = Vector256.Widen(low);
                var (x2, x3) = Vector256.Widen(high);
                Accumulate(a, x0, ref py, i);
                Accumulate(a, x1, ref py, i + 8);
                Accumulate(a, x2, ref py, i + 16);
                Accumulate(a, x3, ref py, i + 24);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref py, i) = MathF.FusedMultiplyAdd(alpha, Unsafe.Add(ref px, i), Unsafe.Add(ref py, i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Vector256<float> alpha, Vector256<int> codes, ref float y, int offset) =>
        Vector256.FusedMultiplyAdd(alpha, Vector256.ConvertToSingle(codes), Vector256.LoadUnsafe(ref y, (nuint)offset))
            .StoreUnsafe(ref y, (nuint)offset);

    private static void CheckLengths(int x, int y)
    {
        if (x != y)
        {
            throw new ArgumentException($"AXPY of spans of lengths {x} and {y}.");
        }
    }
}
