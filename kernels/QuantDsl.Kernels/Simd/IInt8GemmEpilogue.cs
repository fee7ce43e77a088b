namespace QuantDsl.Kernels.Simd;

/// <summary>
/// Turns the exact int32 sum of one output element of the CPU int8 GEMM into its fp32 value. Generated
/// layers implement it with their policy's constants baked in; the driver is shared.
/// </summary>
public interface IInt8GemmEpilogue
{
    /// <summary>The output value of (<paramref name="row"/>, <paramref name="col"/>) given its int32 sum.</summary>
    float Apply(int acc, int row, int col);
}
