using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using QuantDsl.Kernels.Formats;

namespace QuantDsl.Kernels.Simd;

/// <summary>
/// CPU passes of vector-wise int8 over whole matrices: LLM.int8's outlier-column detection and per-row
/// quantization with those columns left out. Rows are split over cores when there are enough of them to pay for it.
/// </summary>
public static class Int8RowsCpu
{
    /// <summary>
    /// The ascending indices of the columns of a row-major [rows × cols] matrix with any
    /// <c>|x| ≥ threshold</c> (LLM.int8 §2.2). Non-finite values: ∞ counts as an outlier, NaN does not.
    /// </summary>
    public static int[] FindOutlierColumns(float[] x, int rows, int cols, float threshold)
    {
        ArgumentNullException.ThrowIfNull(x);
        var flags = new int[cols];
        RowLoop.For(rows, cols, row => MarkRow(new ReadOnlySpan<float>(x, row * cols, cols), threshold, flags));
        int count = 0;
        foreach (int flag in flags)
        {
            count += flag;
        }

        var indices = new int[count];
        for (int col = 0, next = 0; col < cols; col++)
        {
            if (flags[col] != 0)
            {
                indices[next++] = col;
            }
        }

        return indices;
    }

    /// <summary>
    /// Quantizes each row of a row-major [rows × cols] matrix to int8 codes (row r at
    /// <c>codes[r·codeStride ..]</c>, padding past <paramref name="cols"/> zeroed) with its absmax in
    /// <paramref name="rowAbsMax"/>; the <paramref name="excludedColumns"/> (ascending) are left out of
    /// the absmax and coded 0. Returns the number of non-finite elements seen.
    /// </summary>
    public static int QuantizeRows(
        float[] x, int rows, int cols, int[] excludedColumns, sbyte[] codes, int codeStride, float[] rowAbsMax)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(excludedColumns);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(rowAbsMax);
        int nonFinite = 0;
        RowLoop.For(rows, cols, row =>
        {
            int count = QuantizeRow(x, cols, excludedColumns, codes, codeStride, rowAbsMax, row);
            if (count != 0)
            {
                Interlocked.Add(ref nonFinite, count);
            }
        });
        return nonFinite;
    }

    /// <summary>One row of <see cref="QuantizeRows"/>; returns its count of non-finite elements.</summary>
    private static int QuantizeRow(float[] x, int cols, int[] excludedColumns, sbyte[] codes, int codeStride, float[] rowAbsMax, int row)
    {
        var source = new ReadOnlySpan<float>(x, row * cols, cols);
        var destination = new Span<sbyte>(codes, row * codeStride, codeStride);
        float absMax = AbsMaxExcluding(source, excludedColumns);
        Int8Simd.Quantize(source, Int8Format.QuantScale(absMax), destination);
        destination[cols..].Clear();
        foreach (int col in excludedColumns)
        {
            destination[col] = 0;
        }

        rowAbsMax[row] = absMax;
        return Int8Simd.CountNonFinite(source);
    }

    /// <summary>absmax of a row over the columns not in <paramref name="excludedColumns"/> (ascending).</summary>
    public static float AbsMaxExcluding(ReadOnlySpan<float> row, ReadOnlySpan<int> excludedColumns)
    {
        float absMax = 0f;
        int start = 0;
        foreach (int col in excludedColumns)
        {
            absMax = MathF.Max(absMax, Int8Simd.AbsMax(row[start..col]));
            start = col + 1;
        }

        return MathF.Max(absMax, Int8Simd.AbsMax(row[start..]));
    }

    private static void MarkRow(ReadOnlySpan<float> row, float threshold, int[] flags)
    {
        ref float start = ref MemoryMarshal.GetReference(row);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var t = Vector256.Create(threshold);
            for (; i <= row.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                uint hits = Vector256.GreaterThanOrEqual(Vector256.Abs(Vector256.LoadUnsafe(ref start, (nuint)i)), t)
                    .ExtractMostSignificantBits();
                while (hits != 0)
                {
                    flags[i + System.Numerics.BitOperations.TrailingZeroCount(hits)] = 1;
                    hits &= hits - 1;
                }
            }
        }

        for (; i < row.Length; i++)
        {
            if (MathF.Abs(row[i]) >= threshold)
            {
                flags[i] = 1;
            }
        }
    }
}
