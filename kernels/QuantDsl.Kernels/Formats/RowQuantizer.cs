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
        if ((cols & 3) == 0)
        {
            return QuantizeRowByQuads(
                source, rowOffset, cols, columnFlags, excludeFlagged, packed, packedOffset, words, floatScratch, intScratch);
        }

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

    // The same two passes with 16-byte loads (cols a multiple of 4, so every row starts 16-byte aligned and one quad is
    // one packed word): the scalar loop kept one 4-byte load in flight per thread and ran at a third of the bandwidth.
    private static RowQuantizeResult QuantizeRowByQuads(
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
        var quads = source.Cast<FloatQuad>();
        var flagQuads = excludeFlagged ? columnFlags.Cast<Gemv.WeightVector>() : default;
        int quadOffset = rowOffset >> 2, rowQuads = cols >> 2;
        float absMax = 0f;
        int nonFinite = 0;
        for (int i = Group.IdxX; i < rowQuads; i += Group.DimX)
        {
            var v = quads[quadOffset + i];
            var f = excludeFlagged ? flagQuads[i] : default;
            nonFinite += NonFinite(v.X) + NonFinite(v.Y) + NonFinite(v.Z) + NonFinite(v.W);
            absMax = IntrinsicMath.Max(
                IntrinsicMath.Max(absMax, IntrinsicMath.Max(Magnitude(v.X, f.X), Magnitude(v.Y, f.Y))),
                IntrinsicMath.Max(Magnitude(v.Z, f.Z), Magnitude(v.W, f.W)));
        }

        absMax = GroupReduce.Max(absMax, floatScratch);
        nonFinite = GroupReduce.Sum(nonFinite, intScratch);
        float scale = Int8Format.QuantScale(absMax);

        for (int word = Group.IdxX; word < words; word += Group.DimX)
        {
            int code = 0;
            if (word < rowQuads)
            {
                var v = quads[quadOffset + word];
                var f = excludeFlagged ? flagQuads[word] : default;
                code = Int8Format.Pack(
                    f.X != 0 ? 0 : Int8Format.Quantize(v.X, scale),
                    f.Y != 0 ? 0 : Int8Format.Quantize(v.Y, scale),
                    f.Z != 0 ? 0 : Int8Format.Quantize(v.Z, scale),
                    f.W != 0 ? 0 : Int8Format.Quantize(v.W, scale));
            }

            packed[packedOffset + word] = code;
        }

        return new RowQuantizeResult(absMax, nonFinite);
    }

    private static int NonFinite(float value) => Int8Format.IsNonFinite(value) ? 1 : 0;

    // What one element adds to the absmax: nothing for non-finite values (counted instead) and flagged (outlier) columns.
    private static float Magnitude(float value, int flag) =>
        Int8Format.IsNonFinite(value) || flag != 0 ? 0f : IntrinsicMath.Abs(value);

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
