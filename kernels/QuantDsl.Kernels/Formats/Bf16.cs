using ILGPU;
using System.Runtime.CompilerServices;

namespace QuantDsl.Kernels.Formats;

/// <summary>bfloat16 rounding of float32 values (round to nearest, ties to even), kept in float32.</summary>
public static class Bf16
{
    /// <summary>Rounds a finite <paramref name="v"/> to the nearest bfloat16 value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Round(float v)
    {
        int bits = (int)Interop.FloatAsInt(v);
        int rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) & unchecked((int)0xFFFF_0000);
        return Interop.IntAsFloat((uint)rounded);
    }
}
