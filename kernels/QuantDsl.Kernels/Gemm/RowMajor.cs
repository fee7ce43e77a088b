using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>A row-major fp32 matrix: element (r, c) at <c>Data[r·Stride + c]</c>.</summary>
/// <param name="Data">The elements.</param>
/// <param name="Stride">Elements between consecutive rows.</param>
public readonly record struct RowMajor(ArrayView<float> Data, int Stride) : IMatrixOperand
{
    /// <inheritdoc/>
    public float Load(int row, int col) => Data[(row * Stride) + col];
}
