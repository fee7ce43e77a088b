using QuantDsl.Kernels.Simd;

namespace QuantDsl.Benchmarks;

/// <summary>Writes the raw int32 sum as fp32: the GEMM core alone, comparable with MatMulInteger's int32 output.</summary>
internal readonly struct AccumulatorEpilogue : IInt8GemmEpilogue
{
    public float Apply(int acc, int row, int col) => acc;
}
