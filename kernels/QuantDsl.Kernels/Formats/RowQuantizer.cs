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
        int stride = Group.DimX;
        int i = Group.IdxX;
        if (rowQuads <= 4 * stride)
        {
            return QuantizeShortRow(quads, quadOffset, rowQuads, flagQuads, excludeFlagged, packed, packedOffset, words, floatScratch, intScratch);
        }

        // Four quads per step, loaded before any is used: one load in flight per thread left each row latency-bound
        // (44 µs for 4096 × 4096 on the H200, 2.4× the copy time). Max and integer sums do not depend on the order.
        for (; i + (3 * stride) < rowQuads; i += 4 * stride)
        {
            var v0 = quads[quadOffset + i];
            var v1 = quads[quadOffset + i + stride];
            var v2 = quads[quadOffset + i + (2 * stride)];
            var v3 = quads[quadOffset + i + (3 * stride)];
            var f0 = excludeFlagged ? flagQuads[i] : default;
            var f1 = excludeFlagged ? flagQuads[i + stride] : default;
            var f2 = excludeFlagged ? flagQuads[i + (2 * stride)] : default;
            var f3 = excludeFlagged ? flagQuads[i + (3 * stride)] : default;
            nonFinite += NonFinite(v0) + NonFinite(v1) + NonFinite(v2) + NonFinite(v3);
            absMax = IntrinsicMath.Max(
                IntrinsicMath.Max(absMax, IntrinsicMath.Max(Magnitude(v0, f0), Magnitude(v1, f1))),
                IntrinsicMath.Max(Magnitude(v2, f2), Magnitude(v3, f3)));
        }

        for (; i < rowQuads; i += stride)
        {
            var v = quads[quadOffset + i];
            var f = excludeFlagged ? flagQuads[i] : default;
            nonFinite += NonFinite(v);
            absMax = IntrinsicMath.Max(absMax, Magnitude(v, f));
        }

        absMax = GroupReduce.Max(absMax, floatScratch);
        nonFinite = GroupReduce.Sum(nonFinite, intScratch);
        float scale = Int8Format.QuantScale(absMax);

        int word = Group.IdxX;
        for (; word + (3 * stride) < rowQuads; word += 4 * stride)
        {
            var v0 = quads[quadOffset + word];
            var v1 = quads[quadOffset + word + stride];
            var v2 = quads[quadOffset + word + (2 * stride)];
            var v3 = quads[quadOffset + word + (3 * stride)];
            var f0 = excludeFlagged ? flagQuads[word] : default;
            var f1 = excludeFlagged ? flagQuads[word + stride] : default;
            var f2 = excludeFlagged ? flagQuads[word + (2 * stride)] : default;
            var f3 = excludeFlagged ? flagQuads[word + (3 * stride)] : default;
            packed[packedOffset + word] = Code(v0, f0, scale);
            packed[packedOffset + word + stride] = Code(v1, f1, scale);
            packed[packedOffset + word + (2 * stride)] = Code(v2, f2, scale);
            packed[packedOffset + word + (3 * stride)] = Code(v3, f3, scale);
        }

        for (; word < words; word += stride)
        {
            packed[packedOffset + word] = word < rowQuads
                ? Code(quads[quadOffset + word], excludeFlagged ? flagQuads[word] : default, scale)
                : 0;
        }

        return new RowQuantizeResult(absMax, nonFinite);
    }

    // A row of at most four quads per thread (4096 columns at 256 threads): each thread keeps its quads in registers
    // between the absmax and the coding, so the row is read once (the two-pass loop reads it again from L1/L2, a second
    // dependent round trip per row).
    private static RowQuantizeResult QuantizeShortRow(
        ArrayView<FloatQuad> quads,
        int quadOffset,
        int rowQuads,
        ArrayView<Gemv.WeightVector> flagQuads,
        bool excludeFlagged,
        ArrayView<int> packed,
        int packedOffset,
        int words,
        ArrayView<float> floatScratch,
        ArrayView<int> intScratch)
    {
        int stride = Group.DimX;
        int i0 = Group.IdxX, i1 = i0 + stride, i2 = i0 + (2 * stride), i3 = i0 + (3 * stride);
        var v0 = i0 < rowQuads ? quads[quadOffset + i0] : default;
        var v1 = i1 < rowQuads ? quads[quadOffset + i1] : default;
        var v2 = i2 < rowQuads ? quads[quadOffset + i2] : default;
        var v3 = i3 < rowQuads ? quads[quadOffset + i3] : default;
        var f0 = excludeFlagged && i0 < rowQuads ? flagQuads[i0] : default;
        var f1 = excludeFlagged && i1 < rowQuads ? flagQuads[i1] : default;
        var f2 = excludeFlagged && i2 < rowQuads ? flagQuads[i2] : default;
        var f3 = excludeFlagged && i3 < rowQuads ? flagQuads[i3] : default;

        // Quads past the row are zeros: no magnitude, not non-finite.
        int nonFinite = GroupReduce.Sum(NonFinite(v0) + NonFinite(v1) + NonFinite(v2) + NonFinite(v3), intScratch);
        float absMax = GroupReduce.Max(
            IntrinsicMath.Max(IntrinsicMath.Max(Magnitude(v0, f0), Magnitude(v1, f1)), IntrinsicMath.Max(Magnitude(v2, f2), Magnitude(v3, f3))),
            floatScratch);
        float scale = Int8Format.QuantScale(absMax);
        if (i0 < rowQuads)
        {
            packed[packedOffset + i0] = Code(v0, f0, scale);
        }

        if (i1 < rowQuads)
        {
            packed[packedOffset + i1] = Code(v1, f1, scale);
        }

        if (i2 < rowQuads)
        {
            packed[packedOffset + i2] = Code(v2, f2, scale);
        }

        if (i3 < rowQuads)
        {
            packed[packedOffset + i3] = Code(v3, f3, scale);
        }

        // The padding words past the row.
        for (int word = rowQuads + Group.IdxX; word < words; word += stride)
        {
            packed[packedOffset + word] = 0;
        }

        return new RowQuantizeResult(absMax, nonFinite);
    }

    // One packed word: four codes, flagged (outlier) columns coded 0.
    private static int Code(FloatQuad v, Gemv.WeightVector f, float scale) => Int8Format.Pack(
        Int8Element.Code(v.X, f.X != 0, scale),
        Int8Element.Code(v.Y, f.Y != 0, scale),
        Int8Element.Code(v.Z, f.Z != 0, scale),
        Int8Element.Code(v.W, f.W != 0, scale));

    private static int NonFinite(FloatQuad v) =>
        Int8Element.NonFinite(v.X) + Int8Element.NonFinite(v.Y) + Int8Element.NonFinite(v.Z) + Int8Element.NonFinite(v.W);

    // The absmax a quad adds: nothing for non-finite values (counted instead) and flagged (outlier) columns.
    private static float Magnitude(FloatQuad v, Gemv.WeightVector f) => IntrinsicMath.Max(
        IntrinsicMath.Max(Int8Element.Magnitude(v.X, f.X != 0), Int8Element.Magnitude(v.Y, f.Y != 0)),
        IntrinsicMath.Max(Int8Element.Magnitude(v.Z, f.Z != 0), Int8Element.Magnitude(v.W, f.W != 0)));

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
