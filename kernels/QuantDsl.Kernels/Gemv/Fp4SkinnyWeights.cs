using System.Runtime.CompilerServices;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// FP4 (E2M1) weights for <see cref="SkinnyMmaGemm{TWeights}"/>, packed by <see cref="Fp4WeightPacking"/> (eight codes
/// per word, the even k in the low nibble) with rows of whole 16-byte vectors (<see cref="Fp4WeightPacking.GpuWordsPerRow"/>).
/// Decoded as the CUDA-core FP4 GEMV does: the 3 magnitude bits into fp32 bits 22–24, the sign into bit 31, one exact
/// multiply by 2^126.
/// </summary>
public struct Fp4SkinnyWeights : ISkinnyWeights
{
    private const float TwoTo126 = 8.507059E+37f;

    /// <inheritdoc/>
    public readonly int CodesPerVector => 32;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly float Decode(WeightVector vector, int index)
    {
        return WeightCodes.Fp4Tiny((uint)SkinnyWords.Word(vector, index >> 3), index & 7) * TwoTo126;
    }
}
