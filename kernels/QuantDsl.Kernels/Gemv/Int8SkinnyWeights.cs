using System.Runtime.CompilerServices;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// Int8 weights for <see cref="SkinnyMmaGemm{TWeights}"/>, packed as the int8 GEMM operands (four codes per word, the
/// lowest k in the low byte): the word's bytes XOR 0x80, then one <c>prmt</c> puts a byte under the exponent of 2^23
/// and one subtraction removes 2^23 + 128, as the CUDA-core GEMV does.
/// </summary>
public struct Int8SkinnyWeights : ISkinnyWeights
{
    /// <inheritdoc/>
    public readonly int CodesPerVector => 16;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly float Decode(WeightVector vector, int index)
    {
        return WeightCodes.Int8((uint)SkinnyWords.Word(vector, index >> 2) ^ 0x80808080u, index & 3);
    }
}
