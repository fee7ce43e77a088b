using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using QuantDsl.Kernels.Formats;

namespace QuantDsl.Kernels.Simd;

/// <summary>
/// SIMD CPU primitives of vector-wise int8: absmax, non-finite count, quantize, and the int8 dot product
/// with int32 accumulation. Each walks Vector512 → Vector256 → a scalar tail; the scalar tail calls
/// <see cref="Int8Format"/>, and the vector bodies compute the same values (codes agree bit for bit).
/// </summary>
public static class Int8Simd
{
    /// <summary>max |x| (0 for an empty span). NaN elements are ignored: count them with <see cref="CountNonFinite"/>.</summary>
    public static float AbsMax(ReadOnlySpan<float> x)
    {
        ref float start = ref MemoryMarshal.GetReference(x);
        int length = x.Length;
        int i = 0;
        float result = 0f;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            var acc = Vector512<float>.Zero;
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                // MaxNative keeps the accumulator when x is NaN (x86 maxps returns its second operand).
                acc = Vector512.MaxNative(Vector512.Abs(Vector512.LoadUnsafe(ref start, (nuint)i)), acc);
            }

            result = HorizontalMax(acc.GetLower(), acc.GetUpper());
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                acc = Vector256.MaxNative(Vector256.Abs(Vector256.LoadUnsafe(ref start, (nuint)i)), acc);
            }

            result = HorizontalMax(acc, acc);
        }

        for (; i < length; i++)
        {
            float magnitude = MathF.Abs(Unsafe.Add(ref start, i));
            if (magnitude > result)
            {
                result = magnitude;
            }
        }

        return result;
    }

    /// <summary>Number of NaN and ±∞ elements.</summary>
    public static int CountNonFinite(ReadOnlySpan<float> x)
    {
        ref float start = ref MemoryMarshal.GetReference(x);
        int length = x.Length;
        int i = 0;
        int count = 0;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            var exponent = Vector256.Create(0x7F800000);
            var found = Vector256<int>.Zero;
            for (; i <= length - Vector256<int>.Count; i += Vector256<int>.Count)
            {
                var bits = Vector256.LoadUnsafe(ref start, (nuint)i).AsInt32() & exponent;
                found -= Vector256.Equals(bits, exponent); // true lanes are −1
            }

            count = Vector256.Sum(found);
        }

        for (; i < length; i++)
        {
            count += Int8Format.IsNonFinite(Unsafe.Add(ref start, i)) ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// <c>codes[i] = clamp(round_half_even(x[i]·scale), −127, 127)</c>. <paramref name="codes"/> must be at
    /// least as long as <paramref name="x"/>.
    /// </summary>
    public static void Quantize(ReadOnlySpan<float> x, float scale, Span<sbyte> codes)
    {
        if (codes.Length < x.Length)
        {
            throw new ArgumentException($"codes has {codes.Length} elements, fewer than the {x.Length} of x.", nameof(codes));
        }

        ref float source = ref MemoryMarshal.GetReference(x);
        ref sbyte destination = ref MemoryMarshal.GetReference(codes);
        int length = x.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var s = Vector512.Create(scale);
            var max = Vector512.Create((float)Int8Format.QMax);
            for (; i <= length - (4 * Vector512<float>.Count); i += 4 * Vector512<float>.Count)
            {
                var q0 = QuantizeVector(Vector512.LoadUnsafe(ref source, (nuint)i), s, max);
                var q1 = QuantizeVector(Vector512.LoadUnsafe(ref source, (nuint)(i + 16)), s, max);
                var q2 = QuantizeVector(Vector512.LoadUnsafe(ref source, (nuint)(i + 32)), s, max);
                var q3 = QuantizeVector(Vector512.LoadUnsafe(ref source, (nuint)(i + 48)), s, max);
                Vector512.Narrow(Vector512.Narrow(q0, q1), Vector512.Narrow(q2, q3)).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(scale);
            var max = Vector256.Create((float)Int8Format.QMax);
            for (; i <= length - (4 * Vector256<float>.Count); i += 4 * Vector256<float>.Count)
            {
                var q0 = QuantizeVector(Vector256.LoadUnsafe(ref source, (nuint)i), s, max);
                var q1 = QuantizeVector(Vector256.LoadUnsafe(ref source, (nuint)(i + 8)), s, max);
                var q2 = QuantizeVector(Vector256.LoadUnsafe(ref source, (nuint)(i + 16)), s, max);
                var q3 = QuantizeVector(Vector256.LoadUnsafe(ref source, (nuint)(i + 24)), s, max);
                Vector256.Narrow(Vector256.Narrow(q0, q1), Vector256.Narrow(q2, q3)).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) = (sbyte)Int8Format.Quantize(Unsafe.Add(ref source, i), scale);
        }
    }

    /// <summary>
    /// <c>Σ a[i]·b[i]</c> over equal-length int8 spans with exact int32 accumulation: each byte is
    /// sign-extended to 16 bits, and adjacent 16-bit products (|p| ≤ 16129) are summed into 32-bit lanes
    /// (vpmaddwd), which cannot saturate. Exact while length·127² &lt; 2³¹ (length ≤ 131072).
    /// </summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Dot of int8 spans of lengths {a.Length} and {b.Length}.", nameof(b));
        }

        ref sbyte pa = ref MemoryMarshal.GetReference(a);
        ref sbyte pb = ref MemoryMarshal.GetReference(b);
        int length = a.Length;
        int i = 0;
        int sum = 0;
        if (Avx512BW.IsSupported && length >= 32)
        {
            var acc = Vector512<int>.Zero;
            for (; i <= length - 32; i += 32)
            {
                var wa = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref pa, (nuint)i));
                var wb = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref pb, (nuint)i));
                acc += Avx512BW.MultiplyAddAdjacent(wa, wb);
            }

            sum = Vector512.Sum(acc);
        }
        else if (Avx2.IsSupported && length >= 16)
        {
            var acc = Vector256<int>.Zero;
            for (; i <= length - 16; i += 16)
            {
                var wa = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pa, (nuint)i));
                var wb = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pb, (nuint)i));
                acc += Avx2.MultiplyAddAdjacent(wa, wb);
            }

            sum = Vector256.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && length >= 32)
        {
            var acc = Vector256<int>.Zero;
            for (; i <= length - 32; i += 32)
            {
                var (aLow, aHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref pa, (nuint)i));
                var (bLow, bHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref pb, (nuint)i));
                acc += WidenSum(aLow * bLow) + WidenSum(aHigh * bHigh);
            }

            sum = Vector256.Sum(acc);
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref pa, i) * Unsafe.Add(ref pb, i);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> QuantizeVector(Vector512<float> x, Vector512<float> scale, Vector512<float> max) =>
        Vector512.ConvertToInt32(Vector512.Clamp(Vector512.Round(x * scale), -max, max));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> QuantizeVector(Vector256<float> x, Vector256<float> scale, Vector256<float> max) =>
        Vector256.ConvertToInt32(Vector256.Clamp(Vector256.Round(x * scale), -max, max));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> WidenSum(Vector256<short> products)
    {
        var (low, high) = Vector256.Widen(products);
        return low + high;
    }

    private static float HorizontalMax(Vector256<float> a, Vector256<float> b)
    {
        var m = Vector256.Max(a, b);
        var m128 = Vector128.Max(m.GetLower(), m.GetUpper());
        float result = 0f;
        for (int lane = 0; lane < Vector128<float>.Count; lane++)
        {
            result = MathF.Max(result, m128.GetElement(lane));
        }

        return result;
    }
}
