using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// The transpose of one head's row-major slice (see <see cref="BatchedRowMajor"/>): element (r, c) at
/// <c>Data[Offset + b·BatchStride + h·HeadStride + c·Stride + r]</c>.
/// </summary>
/// <param name="Data">The elements of the untransposed matrices.</param>
/// <param name="Offset">First element of head 0 of batch 0.</param>
/// <param name="Stride">Elements between consecutive rows of the untransposed matrix.</param>
/// <param name="BatchStride">Elements between consecutive batch items.</param>
/// <param name="HeadStride">Elements between consecutive heads.</param>
/// <param name="Heads">Heads per batch item.</param>
public readonly record struct BatchedTransposed(ArrayView<float> Data, int Offset, int Stride, int BatchStride, int HeadStride, int Heads) : IMatrixOperand
{
    /// <inheritdoc/>
    public float Load(int row, int col) => Data[BatchedAddress.Of(Offset, BatchStride, HeadStride, Heads) + (col * Stride) + row];
}
