namespace QuickStart;

/// <summary>Built-in data: LLM-like activations with systematic outlier columns, and an fp32 reference.</summary>
internal sealed class SyntheticLayer
{
    private SyntheticLayer(float[] x, int[] outlierColumns, QuickStartOptions options)
    {
        X = x;
        OutlierColumns = outlierColumns;
        Options = options;
    }

    public float[] X { get; }

    public int[] OutlierColumns { get; }

    public QuickStartOptions Options { get; }

    public static SyntheticLayer Create(QuickStartOptions options)
    {
        var random = new Random(options.Seed);
        var x = new float[options.Tokens * options.InFeatures];
        for (int i = 0; i < x.Length; i++)
        {
            // Box–Muller: standard normal activations.
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            x[i] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        var columns = Enumerable.Range(0, options.OutlierColumns)
            .Select(c => (int)(((2L * c) + 1) * options.InFeatures / (2L * Math.Max(1, options.OutlierColumns))))
            .ToArray();
        foreach (int column in columns)
        {
            for (int t = 0; t < options.Tokens; t++)
            {
                x[(t * options.InFeatures) + column] *= options.OutlierScale;
            }
        }

        return new SyntheticLayer(x, columns, options);
    }

    /// <summary>y = X·Wᵀ + b in double precision, rows over cores.</summary>
    public double[] Fp32Forward(float[] weight, float[] bias)
    {
        int tokens = Options.Tokens, inFeatures = Options.InFeatures, outFeatures = Options.OutFeatures;
        var y = new double[tokens * outFeatures];
        Parallel.For(0, tokens, t =>
        {
            for (int o = 0; o < outFeatures; o++)
            {
                double sum = bias[o];
                for (int i = 0; i < inFeatures; i++)
                {
                    sum += X[(t * inFeatures) + i] * (double)weight[(o * inFeatures) + i];
                }

                y[(t * outFeatures) + o] = sum;
            }
        });
        return y;
    }

    /// <summary>dW = dYᵀ·X in double precision (the exact weight gradient).</summary>
    public double[] Fp32WeightGradient(float[] dy)
    {
        int tokens = Options.Tokens, inFeatures = Options.InFeatures, outFeatures = Options.OutFeatures;
        var dw = new double[outFeatures * inFeatures];
        Parallel.For(0, outFeatures, o =>
        {
            for (int t = 0; t < tokens; t++)
            {
                double g = dy[(t * outFeatures) + o];
                for (int i = 0; i < inFeatures; i++)
                {
                    dw[(o * inFeatures) + i] += g * X[(t * inFeatures) + i];
                }
            }
        });
        return dw;
    }

    /// <summary>‖a − b‖ / ‖b‖.</summary>
    public static double RelativeError(float[] actual, double[] reference)
    {
        double error = 0, norm = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            error += (actual[i] - reference[i]) * (actual[i] - reference[i]);
            norm += reference[i] * reference[i];
        }

        return Math.Sqrt(error / Math.Max(norm, double.Epsilon));
    }
}
