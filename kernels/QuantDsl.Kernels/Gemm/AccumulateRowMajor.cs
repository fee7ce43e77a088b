using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>Adds to a row-major fp32 result (gradient accumulation, as PyTorch's <c>.grad</c> does).</summary>
/// <param name="Data">The result elements.</param>
/// <param name="Stride">Elements between consecutive rows.</param>
public readonly record struct AccumulateRowMajor(ArrayView<float> Data, int Stride) : IMatrixOutput
{
    /// <inheritdoc/>
    public void Store(int row, int col, float value) => Data[(row * Stride) + col] += value;
}
