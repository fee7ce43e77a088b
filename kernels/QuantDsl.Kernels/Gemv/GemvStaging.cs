using System.Runtime.CompilerServices;
using ILGPU;

namespace QuantDsl.Kernels.Gemv;

/// <summary>What <see cref="Int8Gemv"/> and <see cref="Fp4Gemv"/> share: the activation staging size and the warp sum.</summary>
public static class GemvStaging
{
    /// <summary>
    /// fp32 activations staged per block (32 KB): all tokens of one K chunk. Leaves room for 7 blocks (56 warps) per
    /// SM on a 228 KB Hopper SM, and a chunk of 16 tokens still holds 32 int8 vectors (one per lane).
    /// </summary>
    public const int Floats = 8192;

    /// <summary>Sum over the warp by butterfly shuffles (every lane gets the total).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float WarpSum(float value)
    {
        value += Warp.ShuffleXor(value, 16);
        value += Warp.ShuffleXor(value, 8);
        value += Warp.ShuffleXor(value, 4);
        value += Warp.ShuffleXor(value, 2);
        value += Warp.ShuffleXor(value, 1);
        return value;
    }
}
