using System.Runtime.CompilerServices;
using ILGPU;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// Branch-free decoders of one packed weight code to fp32, shared by the decode GEMVs. Neither uses an int→float
/// conversion (a quarter-rate instruction on NVIDIA GPUs); both are exact.
/// </summary>
internal static class WeightCodes
{
    /// <summary>2^23 + 128: what <see cref="Int8"/> subtracts.</summary>
    private const float Int8Offset = 8388736f;

    /// <summary>
    /// Byte <paramref name="index"/> of a word whose bytes were XORed with 0x80 (so byte b reads b + 128): one
    /// <c>prmt</c> puts it under the exponent byte 0x4B of 2^23 (selector bytes: index, 0x00, 0x00, 0x4B), which is
    /// exactly 2^23 + 128 + b, and one subtraction leaves the signed code b.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Int8(uint flipped, int index) =>
        Interop.IntAsFloat(BytePermute.Select(flipped, 0x4B000000u, 0x7540u + (uint)index)) - Int8Offset;

    /// <summary>
    /// <see cref="Int8"/> without inline PTX: the byte shifted down and masked, ORed under 0x4B, then the same
    /// subtraction. For kernels where an inline-asm output costs a local-memory round trip (ILGPU passes asm outputs
    /// through local slots; ptxas keeps them in registers in the staged GEMV, but not in the <c>cp.async</c> streaming
    /// GEMV, which ran 4.7× slower with <c>prmt</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Int8Shifted(uint flipped, int index) =>
        Interop.IntAsFloat(0x4B000000u | ((flipped >> (8 * index)) & 0xFFu)) - Int8Offset;

    /// <summary>
    /// Nibble <paramref name="index"/> of a word as FP4 E2M1 (ALGORITHMS.md §1.1) times 2^−126: the 3 magnitude bits go
    /// to fp32 bits 22..24 (the exponent's low bits and the top mantissa bit) and the sign to bit 31, which reads
    /// 2^(e−127)·(1 + m/2) for e &gt; 0 and the subnormal m·2^−127 for e = 0 — that is, 0, 0.5, 1, 1.5, 2, 3, 4, 6
    /// times 2^−126. Callers multiply by 2^126 (or fold it into other exact powers of two); PTX without <c>.ftz</c>
    /// keeps the subnormal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Fp4Tiny(uint packed, int index)
    {
        // Each field is shifted straight from the packed word into place and masked (index is a constant at every call
        // site): two shifts and two masks, where shifting the nibble down first costs a shift and a mask more.
        int magnitudeShift = 22 - (4 * index);
        uint magnitude = magnitudeShift >= 0 ? packed << magnitudeShift : packed >> -magnitudeShift;
        uint sign = packed << (28 - (4 * index));
        return Interop.IntAsFloat((sign & 0x80000000u) | (magnitude & 0x01C00000u));
    }
}
