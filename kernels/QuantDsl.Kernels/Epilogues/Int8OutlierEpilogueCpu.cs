using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Simd;

namespace QuantDsl.Kernels.Epilogues;

/// <summary>
/// The outlier term of the LLM.int8 epilogue on the CPU, in the same order of operations as
/// <see cref="Int8OutlierEpilogue"/> on the GPU: <c>Σ_{j∈O} X[t, j]·W'[o, j]</c>, ascending j. The layers gather the
/// outlier columns of X and W' once per call (<see cref="GatherColumns"/>, <see cref="GatherDequantizedColumns"/>) and
/// the epilogue runs <see cref="CompactDot"/> on them, so an output reads t contiguous floats of each instead of t
/// scattered elements of a 4·K-byte weight row (one cache line and, for large K, one page each).
/// </summary>
public static class Int8OutlierEpilogueCpu
{
    /// <summary><c>target[r·t + i] = source[r·cols + outliers[i]]</c> for every row r (t = outlier count).</summary>
    /// <param name="source">Row-major [rows × cols].</param>
    /// <param name="rows">Rows.</param>
    /// <param name="cols">Columns of <paramref name="source"/>.</param>
    /// <param name="outlierColumns">Ascending column indices.</param>
    /// <param name="target">At least rows·t elements.</param>
    public static void GatherColumns(float[] source, int rows, int cols, int[] outlierColumns, float[] target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(outlierColumns);
        ArgumentNullException.ThrowIfNull(target);
        int count = outlierColumns.Length;
        CheckGather(source.Length, rows, cols, count, target.Length);
        RowLoop.For(rows, count, row =>
        {
            int from = row * cols;
            int to = row * count;
            for (int i = 0; i < count; i++)
            {
                target[to + i] = source[from + outlierColumns[i]];
            }
        });
    }

    /// <summary><c>target[r·t + i] = dequantize(codes[r·stride + outliers[i]], absMax[r])</c>: the bitsandbytes variant's W_deq columns.</summary>
    /// <param name="codes">Row-major int8 codes [rows × stride].</param>
    /// <param name="stride">Codes between rows.</param>
    /// <param name="absMax">Per-row absmax of the codes.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="outlierColumns">Ascending column indices (&lt; stride).</param>
    /// <param name="target">At least rows·t elements.</param>
    public static void GatherDequantizedColumns(sbyte[] codes, int stride, float[] absMax, int rows, int[] outlierColumns, float[] target)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(absMax);
        ArgumentNullException.ThrowIfNull(outlierColumns);
        ArgumentNullException.ThrowIfNull(target);
        int count = outlierColumns.Length;
        CheckGather(codes.Length, rows, stride, count, target.Length);
        RowLoop.For(rows, count, row =>
        {
            int from = row * stride;
            int to = row * count;
            for (int i = 0; i < count; i++)
            {
                target[to + i] = Int8Format.Dequantize(codes[from + outlierColumns[i]], absMax[row]);
            }
        });
    }

    /// <summary><c>Σ_{i&lt;count} x[xRow + i]·w[wRow + i]</c>, ascending i: the outlier term on gathered columns.</summary>
    /// <param name="x">Gathered activations [tokens × count].</param>
    /// <param name="xRow">Index of this token's first outlier.</param>
    /// <param name="w">Gathered weights [outFeatures × count].</param>
    /// <param name="wRow">Index of this output channel's first outlier.</param>
    /// <param name="count">Outlier columns.</param>
    /// <returns>The sum.</returns>
    public static float CompactDot(float[] x, int xRow, float[] w, int wRow, int count)
    {
        float sum = 0f;
        for (int i = 0; i < count; i++)
        {
            sum += x[xRow + i] * w[wRow + i];
        }

        return sum;
    }

    private static void CheckGather(int sourceLength, int rows, int cols, int count, int targetLength)
    {
        if ((long)rows * cols > sourceLength || (long)rows * count > targetLength)
        {
            throw new ArgumentException(
                $"Gathering {count} columns of [{rows} × {cols}] needs a source of {(long)rows * cols} and a target of {(long)rows * count} elements; got {sourceLength} and {targetLength}.");
        }
    }
}
