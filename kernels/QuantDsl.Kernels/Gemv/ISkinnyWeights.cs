namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// A weight format of <see cref="SkinnyMmaGemm{TWeights}"/>: how many codes a 16-byte <see cref="WeightVector"/>
/// holds and how one of them decodes to an fp32 value that is exact in TF32 (int8 codes and E2M1 values both are).
/// Implementations are empty structs, so each format compiles its own kernel with the decode inlined.
/// </summary>
public interface ISkinnyWeights
{
    /// <summary>Codes per 16-byte vector: 16 (int8) or 32 (FP4); a multiple of 16.</summary>
    int CodesPerVector { get; }

    /// <summary>Code <paramref name="index"/> (0 = lowest k; a constant after inlining) of <paramref name="vector"/> as fp32.</summary>
    float Decode(WeightVector vector, int index);
}
