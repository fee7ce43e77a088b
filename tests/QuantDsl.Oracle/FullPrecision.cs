namespace QuantDsl.Oracle;

/// <summary>The unquantized linear layer in double precision: the yardstick for quantization error.</summary>
public static class FullPrecision
{
    /// <summary>Y = X·Wᵀ + b.</summary>
    /// <param name="parallel">Spread token rows over cores; results are identical.</param>
    public static double[] Forward(float[] x, float[] w, float[]? bias, int tokens, int inFeatures, int outFeatures, bool parallel = false)
    {
        var y = new double[tokens * outFeatures];
        RowLoop.For(tokens, parallel, t =>
        {
            for (int o = 0; o < outFeatures; o++)
            {
                double sum = bias is null ? 0 : bias[o];
                for (int i = 0; i < inFeatures; i++)
                {
                    sum += x[(t * inFeatures) + i] * (double)w[(o * inFeatures) + i];
                }

                y[(t * outFeatures) + o] = sum;
            }
        });

        return y;
    }

    /// <summary>dW = dYᵀ·X and db = Σ_t dY, with Σ|terms| of each element.</summary>
    /// <param name="parallel">Spread output channels (rows of dW) over cores; results are identical.</param>
    public static (double[] Dw, double[] DwMagnitude, double[] Db, double[] DbMagnitude) LinearParameterGradients(
        float[] x, float[] dy, int tokens, int inFeatures, int outFeatures, bool parallel = false)
    {
        var dw = new double[outFeatures * inFeatures];
        var dwMagnitude = new double[outFeatures * inFeatures];
        var db = new double[outFeatures];
        var dbMagnitude = new double[outFeatures];
        RowLoop.For(outFeatures, parallel, o =>
        {
            for (int t = 0; t < tokens; t++)
            {
                double g = dy[(t * outFeatures) + o];
                db[o] += g;
                dbMagnitude[o] += Math.Abs(g);
                for (int i = 0; i < inFeatures; i++)
                {
                    double term = g * x[(t * inFeatures) + i];
                    dw[(o * inFeatures) + i] += term;
                    dwMagnitude[(o * inFeatures) + i] += Math.Abs(term);
                }
            }
        });

        return (dw, dwMagnitude, db, dbMagnitude);
    }
}
