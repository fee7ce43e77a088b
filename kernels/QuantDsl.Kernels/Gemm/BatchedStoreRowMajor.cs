using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>Overwrites one head's row-major slice of a batched result (addressing as <see cref="BatchedRowMajor"/>).</summary>
/// <param name="Data">The result elements.</param>
/// <param name="Offset">First element of head 0 of batch 0.</param>
/// <param name="Stride">Elements between consecutive rows.</param>
/// <param name="BatchStride">Elements between consecutive batch items.</param>
/// <param name="HeadStride">Elements between consecutive heads.</param>
/// <param name="Heads">Heads per batch item.</param>
public readonly record struct BatchedStoreRowMajor(ArrayView<float> Data, int Offset, int Stride, int BatchStride, int HeadStride, int Heads) : IMatrixOutput
{
    /// <inheritdoc/>
    public void Store(int row, int col, float value) =>
        Data[BatchedAddress.Of(Offset, BatchStride, HeadStride, Heads) + (row * Stride) + col] = value;
}
