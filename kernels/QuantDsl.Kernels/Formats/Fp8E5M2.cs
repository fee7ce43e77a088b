using ILGPU;
using System.Runtime.CompilerServices;

namespace QuantDsl.Kernels.Formats;

/// <summary>
/// Emulated FP8 E5M2 (1 sign, 5 exponent bits with bias 15, 2 mantissa bits): the format of the output
/// gradient in FP4 training (ALGORITHMS.md §1.5, as MS-AMP). Round to nearest, ties to even; magnitudes above
/// the largest finite value 57344 saturate (a per-tensor power-of-two scale keeps them in range); below
/// 2⁻¹⁴ the grid is the subnormal step 2⁻¹⁶. Integer bit arithmetic only: identical on every backend.
/// </summary>
public static class Fp8E5M2
{
    /// <summary>The largest finite E5M2 magnitude, 1.75·2¹⁵.</summary>
    public const float MaxValue = 57344f;

    /// <summary>The smallest normal E5M2 magnitude, 2⁻¹⁴.</summary>
    public const float MinNormal = 6.103515625e-05f;

    /// <summary>Rounds <paramref name="v"/> (finite) to the nearest E5M2 value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Round(float v)
    {
        int bits = (int)Interop.FloatAsInt(v);
        int sign = bits & unchecked((int)0x8000_0000);
        int magnitude = bits & 0x7FFF_FFFF;
        if (magnitude < 0x3880_0000)
        {
            // Below 2^-14: multiples of 2^-16, the scaling by 2^16 and back is exact.
            float scaled = Interop.IntAsFloat((uint)magnitude) * 65536f;
            int steps = Int8Format.RoundHalfToEven(scaled);
            return Interop.IntAsFloat((uint)((int)Interop.FloatAsInt(steps * (1f / 65536f)) | sign));
        }

        // Keep 2 of the 23 mantissa bits: add half an ulp of the target (minus one unless the kept lsb is odd) and truncate.
        int rounded = (magnitude + 0x000F_FFFF + ((magnitude >> 21) & 1)) & unchecked((int)0xFFE0_0000);
        if (rounded > 0x4760_0000)
        {
            rounded = 0x4760_0000;
        }

        return Interop.IntAsFloat((uint)(rounded | sign));
    }

    /// <summary>
    /// The per-tensor multiplier that brings <paramref name="absMax"/> to at most <see cref="MaxValue"/>: the largest
    /// power of two with <c>absMax·s ≤ 57344</c> (a power of two, so scaling back is exact). absMax 0 → 1.
    /// </summary>
    public static float TensorScale(float absMax) =>
        absMax > 0f ? E2M1.FloorPowerOfTwo(MaxValue / absMax) : 1f;
}
