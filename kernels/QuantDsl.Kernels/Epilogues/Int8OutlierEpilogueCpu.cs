using QuantDsl.Kernels.Formats;

namespace QuantDsl.Kernels.Epilogues;

/// <summary>
/// The outlier term of the LLM.int8 epilogue on the CPU, in the same order of operations as
/// <see cref="Int8OutlierEpilogue"/> on the GPU: <c>Σ_{j∈O} X[t, j]·W'[o, j]</c>, ascending j.
/// </summary>
public static class Int8OutlierEpilogueCpu
{
    /// <summary>With the fp32 weight: <c>Σ_{j∈O} x[xRow + j]·w[wRow + j]</c>.</summary>
    public static float OutlierDot(float[] x, int xRow, float[] w, int wRow, int[] outlierColumns)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(outlierColumns);
        float sum = 0f;
        foreach (int j in outlierColumns)
        {
            sum += x[xRow + j] * w[wRow + j];
        }

        return sum;
    }

    /// <summary>With the dequantized int8 weight: <c>Σ_{j∈O} x[xRow + j]·codes[codeRow + j]·absMax/127</c>.</summary>
    public static float OutlierDotDequantized(float[] x, int xRow, sbyte[] codes, int codeRow, float absMax, int[] outlierColumns)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(outlierColumns);
        float sum = 0f;
        foreach (int j in outlierColumns)
        {
            sum += x[xRow + j] * Int8Format.Dequantize(codes[codeRow + j], absMax);
        }

        return sum;
    }
}
