using ILGPU;
using QuantDsl.Kernels.Formats;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// A matrix stored as packed int8 words with one absmax per row, read back dequantized:
/// element (r, c) = <c>code(r, c) · absMax[r] / 127</c>. This is the weight [out × in] as the backward
/// pass sees it (dX = dY · W_deq).
/// </summary>
/// <param name="Words">Packed codes, <paramref name="RowWords"/> words per row.</param>
/// <param name="RowWords">Words per row.</param>
/// <param name="RowAbsMax">Absmax of each row.</param>
public readonly record struct DequantizedInt8Rows(ArrayView<int> Words, int RowWords, ArrayView<float> RowAbsMax) : IMatrixOperand
{
    /// <inheritdoc/>
    public float Load(int row, int col) =>
        Int8Format.Dequantize(Int8Format.Unpack(Words[(row * RowWords) + (col >> 2)], col & 3), RowAbsMax[row]);
}
