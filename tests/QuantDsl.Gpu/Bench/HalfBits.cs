namespace QuantDsl.Gpu.Bench;

/// <summary>16-bit encodings of the cuBLAS peer's inputs: IEEE fp16 and bfloat16 (round to nearest even).</summary>
internal static class HalfBits
{
    public static ushort Fp16(float value) => BitConverter.HalfToUInt16Bits((Half)value);

    public static float FromFp16(ushort bits) => (float)BitConverter.UInt16BitsToHalf(bits);

    public static ushort Bf16(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

    public static float FromBf16(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);
}
