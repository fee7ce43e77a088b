using ILGPU;
using System.Runtime.CompilerServices;

namespace QuantDsl.Kernels.Formats;

/// <summary>
/// FP4 E2M1 (ALGORITHMS.md §1.1): magnitudes {0, 0.5, 1, 1.5, 2, 3, 4, 6}, no Inf/NaN. Values are carried as
/// <i>doubled codes</i> <c>2·v</c>, integers in [−12, 12], so that the product of two FP4 values is exact in int8
/// arithmetic with int32 accumulation and the FP4 GEMM runs on the int8 GEMM core (the 0.25 goes to the epilogue).
/// Branches and float compares only: callable inside ILGPU kernels and from SIMD tails with identical results.
/// </summary>
public static class E2M1
{
    /// <summary>The largest magnitude, 6.</summary>
    public const float MaxValue = 6f;

    /// <summary>The largest doubled code, 12.</summary>
    public const int MaxDoubledCode = 12;

    /// <summary>Dequantization factor of a product of two doubled codes: <c>(2a)·(2b)·0.25 = a·b</c>.</summary>
    public const float ProductFactor = 0.25f;

    /// <summary>
    /// The longest reduction whose int32 sum of doubled-code products is exact in the worst case
    /// (12² · K &lt; 2³¹).
    /// </summary>
    public const int MaxExactReduction = 14_913_080;

    /// <summary>
    /// <c>2·ladder(v)</c>: rounds to the nearest E2M1 value with the spec's strict-<c>&lt;</c> ladder (exact midpoints
    /// round toward +∞) and saturates beyond ±6.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DoubledCode(float v)
    {
        if (v < 0.25f)
        {
            if (v < -1.75f)
            {
                return v < -5f ? -12 : v < -3.5f ? -8 : v < -2.5f ? -6 : -4;
            }

            return v < -1.25f ? -3 : v < -0.75f ? -2 : v < -0.25f ? -1 : 0;
        }

        if (v < 1.75f)
        {
            return v < 0.75f ? 1 : v < 1.25f ? 2 : 3;
        }

        return v < 2.5f ? 4 : v < 3.5f ? 6 : v < 5f ? 8 : 12;
    }

    /// <summary>The E2M1 value nearest to <paramref name="v"/> (the ladder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Round(float v) => DoubledCode(v) * 0.5f;

    /// <summary>
    /// The per-vector multiplier γ with <c>|v·γ| ≤ 6</c>: exactly <c>6 / absMax</c> (the paper), or that rounded down to a
    /// power of two (<paramref name="powerOfTwo"/>, as MS-AMP upstream; dividing by it is then exact). absMax 0 → 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Scale(float absMax, bool powerOfTwo)
    {
        if (!(absMax > 0f))
        {
            return 1f;
        }

        float gamma = MaxValue / absMax;
        return powerOfTwo ? FloorPowerOfTwo(gamma) : gamma;
    }

    /// <summary>The largest power of two ≤ <paramref name="v"/> (v positive and finite, normal or not).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FloorPowerOfTwo(float v)
    {
        int bits = (int)Interop.FloatAsInt(v);
        int exponentBits = bits & 0x7F80_0000;
        if (exponentBits != 0)
        {
            return Interop.IntAsFloat((uint)exponentBits);
        }

        // Subnormal: keep the highest set mantissa bit.
        int mantissa = bits & 0x007F_FFFF;
        int highest = 1;
        while ((mantissa >> 1) >= highest)
        {
            highest <<= 1;
        }

        return Interop.IntAsFloat((uint)highest);
    }

    /// <summary>The 4-bit storage code (sign bit 3, magnitude index 0..7) of a doubled code in [−12, 12] on the grid.</summary>
    public static int ToNibble(int doubledCode)
    {
        int magnitude = doubledCode < 0 ? -doubledCode : doubledCode;
        int index = magnitude <= 4 ? magnitude : magnitude == 6 ? 5 : magnitude == 8 ? 6 : 7;
        return doubledCode < 0 ? index | 8 : index;
    }

    /// <summary>The doubled code of a 4-bit storage code (0000..0111 = +0 … +6, 1xxx negative).</summary>
    public static int FromNibble(int nibble)
    {
        int index = nibble & 7;
        int magnitude = index <= 4 ? index : index == 5 ? 6 : index == 6 ? 8 : 12;
        return (nibble & 8) != 0 ? -magnitude : magnitude;
    }
}
