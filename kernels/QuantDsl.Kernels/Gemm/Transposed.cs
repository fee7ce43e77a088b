using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>The transpose of a row-major fp32 matrix: element (r, c) at <c>Data[c·Stride + r]</c>.</summary>
/// <param name="Data">The elements of the untransposed matrix.</param>
/// <param name="Stride">Elements between consecutive rows of the untransposed matrix.</param>
public readonly record struct Transposed(ArrayView<float> Data, int Stride) : IMatrixOperand
{
    /// <inheritdoc/>
    public float Load(int row, int col) => Data[(col * Stride) + row];
}
