namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// One thread's 4×4 block of int32 accumulators in the SIMT int8 GEMM. Passed and returned by value so
/// ILGPU keeps every element in a register (no address-taken locals).
/// </summary>
public struct Int32Tile4x4
{
#pragma warning disable CS1591, SA1600 // Row-major element names: C{row}{col}.
    public int C00, C01, C02, C03;
    public int C10, C11, C12, C13;
    public int C20, C21, C22, C23;
    public int C30, C31, C32, C33;
#pragma warning restore CS1591, SA1600
}
