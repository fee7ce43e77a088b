using System.Runtime.CompilerServices;
using ILGPU;

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
        uint code = (uint)SkinnyWords.Word(vector, index >> 3) >> (4 * (index & 7));
        return Interop.IntAsFloat(((code & 8u) << 28) | ((code & 7u) << 22)) * TwoTo126;
    }
}
