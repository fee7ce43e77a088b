using ILGPU;
using QuantDsl.Kernels.Reductions;

namespace QuantDsl.Kernels.Formats;

/// <summary>
/// Vector-wise int8 quantization of one row by one thread group (device code). Pass 1 takes the absmax
/// over the kept columns and counts non-finite values over all columns; pass 2 writes the codes packed
/// four to a 32-bit word, with excluded columns and the padding past <c>cols</c> set to zero.
/// </summary>
public static class RowQuantizer
{
    /// <summary>
    /// Quantizes <c>source[rowOffset .. rowOffset + cols)</c> into <c>packed[packedOffset .. + words)</c>.
    /// When <paramref name="excludeFlagged"/> is true, columns with <c>columnFlags[col] != 0</c> are left
    /// out of the absmax and written as 0 (LLM.int8's outlier columns). Every thread of the group must call it.
    /// </summary>
    public static RowQuantizeResult QuantizeRow(
        ArrayView<float> source,
        int rowOffset,
        int cols,
        ArrayView<int> columnFlags,
        bool excludeFlagged,
        ArrayView<int> packed,
        int packedOffset,
        int words,
        ArrayView<float> floatScratch,
        ArrayView<int> intScratch)
    {
        float absMax = 0f;
        int nonFinite = 0;
        for (int col = Group.IdxX; col < cols; col += Group.DimX)
        {
            float value = source[rowOffset + col];
            if (Int8Format.IsNonFinite(value))
            {
                nonFinite++;
            }
            else if (!excludeFlagged || columnFlags[col] == 0)
            {
                absMax = IntrinsicMath.Max(absMax, IntrinsicMath.Abs(value));
            }
        }

        absMax = GroupReduce.Max(absMax, floatScratch);
        nonFinite = GroupReduce.Sum(nonFinite, intScratch);
        float scale = Int8Format.QuantScale(absMax);

        for (int word = Group.IdxX; word < words; word += Group.DimX)
        {
            int col = word * 4;
            int q0 = QuantizeAt(source, rowOffset, cols, col, columnFlags, excludeFlagged, scale);
            int q1 = QuantizeAt(source, rowOffset, cols, col + 1, columnFlags, excludeFlagged, scale);
            int q2 = QuantizeAt(source, rowOffset, cols, col + 2, columnFlags, excludeFlagged, scale);
            int q3 = QuantizeAt(source, rowOffset, cols, col + 3, columnFlags, excludeFlagged, scale);
            packed[packedOffset + word] = Int8Format.Pack(q0, q1, q2, q3);
        }

        return new RowQuantizeResult(absMax, nonFinite);
    }

    private static int QuantizeAt(
        ArrayView<float> source, int rowOffset, int cols, int col, ArrayView<int> columnFlags, bool excludeFlagged, float scale)
    {
        if (col >= cols || (excludeFlagged && columnFlags[col] != 0))
        {
            return 0;
        }

        return Int8Format.Quantize(source[rowOffset + col], scale);
    }
}
