namespace QuantDsl.Oracle;

/// <summary>
/// Weight-only decode products in plain scalar code (double): <c>y[t, o] = scale[o]·Σ_k x[t, k]·w[o, k] + bias[o]</c>
/// with int8 or FP4 E2M1 weight codes, and the exact int32 product of two int8 code matrices.
/// </summary>
public static class GemvReference
{
    /// <summary>E2M1 values of codes 0..15 (ALGORITHMS.md §1.1): 0000..0111 = +0, 0.5, 1, 1.5, 2, 3, 4, 6; 1xxx negatives.</summary>
    public static readonly double[] E2M1Values = [0, 0.5, 1, 1.5, 2, 3, 4, 6, -0.0, -0.5, -1, -1.5, -2, -3, -4, -6];

    /// <summary>
    /// The product with weights given as real values per code (<paramref name="weight"/>(o, k)); <paramref name="magnitude"/>
    /// receives Σ|terms| per output, for the tolerance.
    /// </summary>
    public static double[] Product(
        float[] x, int tokens, int inFeatures, int outFeatures, Func<int, int, double> weight, float[] scales, float[]? bias, out double[] magnitude)
    {
        var y = new double[tokens * outFeatures];
        magnitude = new double[y.Length];
        for (int t = 0; t < tokens; t++)
        {
            for (int o = 0; o < outFeatures; o++)
            {
                double sum = 0, size = 0;
                for (int k = 0; k < inFeatures; k++)
                {
                    double term = x[(t * inFeatures) + k] * weight(o, k) * scales[o];
                    sum += term;
                    size += Math.Abs(term);
                }

                double b = bias is null ? 0 : bias[o];
                y[(t * outFeatures) + o] = sum + b;
                magnitude[(t * outFeatures) + o] = size + Math.Abs(b);
            }
        }

        return y;
    }

    /// <summary>Exact <c>Σ_k a[r, k]·b[c, k]</c> of int8 codes, A [rows × k] and B [cols × k], as [rows × cols].</summary>
    public static int[] Int8Product(sbyte[] a, sbyte[] b, int rows, int cols, int k)
    {
        var c = new int[rows * cols];
        for (int r = 0; r < rows; r++)
        {
            for (int col = 0; col < cols; col++)
            {
                int sum = 0;
                for (int i = 0; i < k; i++)
                {
                    sum += a[(r * k) + i] * b[(col * k) + i];
                }

                c[(r * cols) + col] = sum;
            }
        }

        return c;
    }
}
