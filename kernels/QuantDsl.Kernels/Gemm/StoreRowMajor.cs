using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>Overwrites a row-major fp32 result.</summary>
/// <param name="Data">The result elements.</param>
/// <param name="Stride">Elements between consecutive rows.</param>
public readonly record struct StoreRowMajor(ArrayView<float> Data, int Stride) : IMatrixOutput
{
    /// <inheritdoc/>
    public void Store(int row, int col, float value) => Data[(row * Stride) + col] = value;
}
