using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// One head's row-major slice of a batched matrix, selected by the launch's <c>Grid.IdxZ</c> = b·heads + h:
/// element (r, c) at <c>Data[Offset + b·BatchStride + h·HeadStride + r·Stride + c]</c>. Lets <see cref="Fp32Gemm"/>
/// run every (batch, head) product of attention in one launch without copying heads apart.
/// </summary>
/// <param name="Data">The elements.</param>
/// <param name="Offset">First element of head 0 of batch 0 (e.g. the key columns of a fused QKV row).</param>
/// <param name="Stride">Elements between consecutive rows.</param>
/// <param name="BatchStride">Elements between consecutive batch items.</param>
/// <param name="HeadStride">Elements between consecutive heads.</param>
/// <param name="Heads">Heads per batch item.</param>
public readonly record struct BatchedRowMajor(ArrayView<float> Data, int Offset, int Stride, int BatchStride, int HeadStride, int Heads) : IMatrixOperand
{
    /// <inheritdoc/>
    public float Load(int row, int col) => Data[BatchedAddress.Of(Offset, BatchStride, HeadStride, Heads) + (row * Stride) + col];
}
