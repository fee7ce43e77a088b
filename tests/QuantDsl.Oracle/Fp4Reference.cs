namespace QuantDsl.Oracle;

/// <summary>
/// Plain scalar FP4 training reference written from ALGORITHMS.md §1, independent of the kernels: the ladder is a
/// nearest-grid-point search, quantiles come from a full sort, E5M2 from frexp-style arithmetic, DGE from an explicit
/// interval list. Format decisions are made in float32 (as the spec's formats are float operations); sums in double.
/// </summary>
public static class Fp4Reference
{
    private static readonly float[] Grid = [-6f, -4f, -3f, -2f, -1.5f, -1f, -0.5f, 0f, 0.5f, 1f, 1.5f, 2f, 3f, 4f, 6f];

    /// <summary>The nearest E2M1 value; exact midpoints go to the larger neighbour; beyond ±6 saturates.</summary>
    public static float Ladder(float v)
    {
        if (v >= 6f)
        {
            return 6f;
        }

        if (v <= -6f)
        {
            return -6f;
        }

        for (int i = 0; i < Grid.Length - 1; i++)
        {
            float lo = Grid[i], hi = Grid[i + 1];
            if (v >= lo && v <= hi)
            {
                float mid = (lo + hi) / 2f;
                return v < mid ? lo : hi;
            }
        }

        throw new ArgumentException($"Not a number: {v}.");
    }

    /// <summary>γ = 6/absmax (float32), or its power-of-two floor; 1 for absmax 0.</summary>
    public static float Gamma(float absMax, bool powerOfTwo)
    {
        if (absMax == 0f)
        {
            return 1f;
        }

        float gamma = 6f / absMax;
        return powerOfTwo ? (float)Math.Pow(2, Math.Floor(Math.Log2(gamma))) : gamma;
    }

    /// <summary>Q(row) = ladder(row·γ)/γ with γ from the row's absmax.</summary>
    public static (float[] Values, float Gamma) QuantizeRow(ReadOnlySpan<float> row, bool powerOfTwo)
    {
        float absMax = 0f;
        foreach (float v in row)
        {
            absMax = Math.Max(absMax, Math.Abs(v));
        }

        float gamma = Gamma(absMax, powerOfTwo);
        var values = new float[row.Length];
        for (int i = 0; i < row.Length; i++)
        {
            values[i] = Ladder(row[i] * gamma) / gamma;
        }

        return (values, gamma);
    }

    /// <summary>The OCC clamp bounds of a row: sorted s, lo = s[⌊(1−α)n⌋], hi = s[⌊αn⌋] (with a 1e-6 index nudge for decimal α).</summary>
    public static (float Lo, float Hi) ClampBounds(ReadOnlySpan<float> row, double quantile)
    {
        var sorted = row.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        int lo = Math.Clamp((int)Math.Floor(((1 - quantile) * n) + 1e-6), 0, n - 1);
        int hi = Math.Clamp((int)Math.Floor((quantile * n) + 1e-6), 0, n - 1);
        return (sorted[lo], sorted[hi]);
    }

    /// <summary>The DGE derivative at the scaled weight x ∈ [−6, 6].</summary>
    public static double DgeDerivative(double x, double k, double clip)
    {
        (double Left, double Width)[] intervals =
        [
            (-6, 2), (-4, 1), (-3, 1), (-2, 0.5), (-1.5, 0.5), (-1, 0.5), (-0.5, 0.5),
            (0, 0.5), (0.5, 0.5), (1, 0.5), (1.5, 0.5), (2, 1), (3, 1), (4, 2),
        ];
        // 6/absmax·w can land a rounding step outside [−6, 6]; the spec's domain is the closed interval.
        x = Math.Clamp(x, -6, 6);
        var (left, width) = intervals[^1];
        foreach (var interval in intervals)
        {
            if (x >= interval.Left && x < interval.Left + interval.Width)
            {
                (left, width) = interval;
                break;
            }
        }

        double distance = Math.Abs((2 * (x - left) / width) - 1);
        return Math.Min(Math.Pow(distance, (1 / k) - 1) / k, clip);
    }

    /// <summary>Nearest FP8 E5M2 value (ties to even), saturating at 57344; subnormal step 2⁻¹⁶.</summary>
    public static float E5M2(float v)
    {
        if (v == 0f)
        {
            return v;
        }

        double magnitude = Math.Abs((double)v);
        int exponent = Math.Max((int)Math.Floor(Math.Log2(magnitude)), -14);
        double step = Math.Pow(2, exponent - 2);
        double rounded = Math.Round(magnitude / step, MidpointRounding.ToEven) * step;
        rounded = Math.Min(rounded, 57344);
        return (float)(Math.Sign(v) * rounded);
    }

    /// <summary>bfloat16 rounding, ties to even.</summary>
    public static float Bf16(float v)
    {
        if (v == 0f)
        {
            return v;
        }

        double magnitude = Math.Abs((double)v);
        int exponent = (int)Math.Floor(Math.Log2(magnitude));
        double step = Math.Pow(2, exponent - 7);
        return (float)(Math.Sign(v) * Math.Round(magnitude / step, MidpointRounding.ToEven) * step);
    }

    /// <summary>The forward of ALGORITHMS.md §1.4: y = Q(Xc)·Q(W)ᵀ + ΔX·Wᵀ (or Q(W)) + b.</summary>
    public static Fp4Forward Forward(float[] x, float[] w, float[]? b, int tokens, int inFeatures, int outFeatures, Fp4Options options)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(options);
        var xq = new float[tokens * inFeatures];
        var residual = new float[tokens * inFeatures];
        for (int t = 0; t < tokens; t++)
        {
            var row = x.AsSpan(t * inFeatures, inFeatures).ToArray();
            if (options.Clamp)
            {
                var (lo, hi) = ClampBounds(row, options.ClampQuantile);
                for (int j = 0; j < inFeatures; j++)
                {
                    float clamped = Math.Min(Math.Max(row[j], lo), hi);
                    residual[(t * inFeatures) + j] = row[j] - clamped;
                    row[j] = clamped;
                }
            }

            QuantizeRow(row, options.PowerOfTwoScale).Values.CopyTo(xq, t * inFeatures);
        }

        var wq = new float[outFeatures * inFeatures];
        var gammas = new float[outFeatures];
        for (int o = 0; o < outFeatures; o++)
        {
            var (values, gamma) = QuantizeRow(w.AsSpan(o * inFeatures, inFeatures), options.PowerOfTwoScale);
            values.CopyTo(wq, o * inFeatures);
            gammas[o] = gamma;
        }

        bool compensate = options.Clamp && options.Compensate;
        var compensationWeight = options.CompensateWithQuantizedWeight ? wq : w;
        var y = new double[tokens * outFeatures];
        var magnitude = new double[tokens * outFeatures];
        RowLoop.For(tokens, true, t =>
        {
            for (int o = 0; o < outFeatures; o++)
            {
                double sum = b?[o] ?? 0, size = Math.Abs(b?[o] ?? 0);
                for (int j = 0; j < inFeatures; j++)
                {
                    double term = (double)xq[(t * inFeatures) + j] * wq[(o * inFeatures) + j];
                    if (compensate)
                    {
                        term += (double)residual[(t * inFeatures) + j] * compensationWeight[(o * inFeatures) + j];
                    }

                    sum += term;
                    size += Math.Abs(term);
                }

                y[(t * outFeatures) + o] = sum;
                magnitude[(t * outFeatures) + o] = size;
            }
        });
        return new Fp4Forward(y, magnitude, xq, compensate ? residual : new float[tokens * inFeatures], wq, gammas);
    }

    /// <summary>
    /// The backward: G = format(dY); dX = G·Q(W); dW = (Gᵀ·Q(Xc)) ⊙ f′(W·γw) (or straight-through) + Gᵀ·ΔX when compensating;
    /// db = Σ_t dY.
    /// </summary>
    public static Fp4Backward Backward(
        float[] dy, float[] w, Fp4Forward forward, int tokens, int inFeatures, int outFeatures, Fp4Options options)
    {
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(options);
        var g = FormatGradient(dy, tokens * outFeatures, options.OutputGradient);
        var dx = new double[tokens * inFeatures];
        var dxSize = new double[tokens * inFeatures];
        RowLoop.For(tokens, true, t =>
        {
            for (int i = 0; i < inFeatures; i++)
            {
                double sum = 0, size = 0;
                for (int o = 0; o < outFeatures; o++)
                {
                    double term = (double)g[(t * outFeatures) + o] * forward.WQuantized[(o * inFeatures) + i];
                    sum += term;
                    size += Math.Abs(term);
                }

                dx[(t * inFeatures) + i] = sum;
                dxSize[(t * inFeatures) + i] = size;
            }
        });

        var dw = new double[outFeatures * inFeatures];
        var dwSize = new double[outFeatures * inFeatures];
        RowLoop.For(outFeatures, true, o =>
        {
            for (int i = 0; i < inFeatures; i++)
            {
                double sum = 0, size = 0, residualSum = 0;
                for (int t = 0; t < tokens; t++)
                {
                    double gt = g[(t * outFeatures) + o];
                    double term = gt * forward.XQuantized[(t * inFeatures) + i];
                    sum += term;
                    size += Math.Abs(term);
                    residualSum += gt * forward.Residual[(t * inFeatures) + i];
                }

                // W·γ is a float32 product in the format's arithmetic: near an interval midpoint f′ is so steep that the
                // product's rounding matters (ALGORITHMS.md §1.3 makes the same point about the test vector's bf16 inputs).
                float scaled = w[(o * inFeatures) + i] * forward.WeightGamma[o];
                double factor = options.Dge ? DgeDerivative(scaled, options.DgeK, options.DgeClip) : 1;
                dw[(o * inFeatures) + i] = (sum * factor) + residualSum;
                dwSize[(o * inFeatures) + i] = (size * factor) + Math.Abs(residualSum);
            }
        });

        var db = new double[outFeatures];
        for (int t = 0; t < tokens; t++)
        {
            for (int o = 0; o < outFeatures; o++)
            {
                db[o] += dy[(t * outFeatures) + o];
            }
        }

        return new Fp4Backward(dx, dxSize, dw, dwSize, db);
    }

    /// <summary>The output gradient in the chosen format (E5M2 with a per-tensor power-of-two scale).</summary>
    public static float[] FormatGradient(float[] dy, int length, string format)
    {
        ArgumentNullException.ThrowIfNull(dy);
        var g = new float[length];
        if (format == "Fp32")
        {
            Array.Copy(dy, g, length);
            return g;
        }

        if (format == "Bf16")
        {
            for (int i = 0; i < length; i++)
            {
                g[i] = Bf16(dy[i]);
            }

            return g;
        }

        double absMax = 0;
        for (int i = 0; i < length; i++)
        {
            absMax = Math.Max(absMax, Math.Abs(dy[i]));
        }

        // The ratio is taken in float32, as the format's arithmetic is; the power-of-two scale is then exact.
        float scale = absMax == 0 ? 1f : (float)Math.Pow(2, Math.Floor(Math.Log2(57344f / (float)absMax)));
        for (int i = 0; i < length; i++)
        {
            g[i] = E5M2(dy[i] * scale) / scale;
        }

        return g;
    }
}
