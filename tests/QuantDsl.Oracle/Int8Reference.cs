namespace QuantDsl.Oracle;

/// <summary>
/// LLM.int8() (ALGORITHMS.md §2) in plain scalar code. Shapes: X [tokens × in], W [out × in] (one row per
/// output channel), Y [tokens × out]. Quantization follows the spec in float32 — scale <c>127/absmax</c>
/// computed in float32, <c>q = round_half_even(x·scale)</c> clamped to [−127, 127] — so that codes can be
/// compared exactly; everything after quantization is computed in double.
/// </summary>
public static class Int8Reference
{
    /// <summary>Codes of one vector (§2.1), and its absmax.</summary>
    public static sbyte[] QuantizeVector(ReadOnlySpan<float> values, out float absMax)
    {
        absMax = 0f;
        foreach (float v in values)
        {
            absMax = Math.Max(absMax, Math.Abs(v));
        }

        var codes = new sbyte[values.Length];
        float scale = absMax == 0f ? 0f : 127f / absMax;
        for (int i = 0; i < values.Length; i++)
        {
            float scaled = values[i] * scale;
            double rounded = Math.Round(scaled, MidpointRounding.ToEven);
            codes[i] = (sbyte)Math.Clamp(rounded, -127, 127);
        }

        return codes;
    }

    /// <summary>Input columns with any |X[t, j]| ≥ threshold (§2.2), ascending; none when threshold is 0.</summary>
    public static int[] OutlierColumns(float[] x, int tokens, int inFeatures, float threshold)
    {
        if (threshold <= 0f)
        {
            return [];
        }

        var columns = new List<int>();
        for (int j = 0; j < inFeatures; j++)
        {
            for (int t = 0; t < tokens; t++)
            {
                if (Math.Abs(x[(t * inFeatures) + j]) >= threshold)
                {
                    columns.Add(j);
                    break;
                }
            }
        }

        return columns.ToArray();
    }

    /// <summary>The forward pass (§2.1–2.2), with everything a test may want to compare.</summary>
    /// <param name="parallel">Spread token rows (and weight rows) over cores; results are identical.</param>
    public static Int8ForwardResult Forward(
        float[] x, float[] w, float[]? bias, int tokens, int inFeatures, int outFeatures, float threshold, bool outlierWeightsFromInt8,
        bool parallel = false)
    {
        int[] outliers = OutlierColumns(x, tokens, inFeatures, threshold);
        var isOutlier = new bool[inFeatures];
        foreach (int j in outliers)
        {
            isOutlier[j] = true;
        }

        // Per-token codes of the non-outlier columns (outlier columns are zero and out of the absmax).
        var xCodes = new sbyte[tokens * inFeatures];
        var xAbsMax = new float[tokens];
        RowLoop.For(tokens, parallel, t =>
        {
            var kept = new float[inFeatures];
            for (int j = 0; j < inFeatures; j++)
            {
                kept[j] = isOutlier[j] ? 0f : x[(t * inFeatures) + j];
            }

            QuantizeVector(kept, out xAbsMax[t]).CopyTo(xCodes, t * inFeatures);
        });

        var (wCodes, wAbsMax) = QuantizeWeight(w, inFeatures, outFeatures, parallel);

        var y = new double[tokens * outFeatures];
        var magnitude = new double[tokens * outFeatures];
        var accumulators = new int[tokens * outFeatures];
        RowLoop.For(tokens, parallel, t =>
        {
            for (int o = 0; o < outFeatures; o++)
            {
                int acc = 0;
                for (int j = 0; j < inFeatures; j++)
                {
                    acc += xCodes[(t * inFeatures) + j] * wCodes[(o * inFeatures) + j];
                }

                double dequantized = acc * (double)xAbsMax[t] * wAbsMax[o] / 16129.0;
                double outlierSum = 0, outlierMagnitude = 0;
                foreach (int j in outliers)
                {
                    double weight = outlierWeightsFromInt8
                        ? wCodes[(o * inFeatures) + j] * (double)wAbsMax[o] / 127.0
                        : w[(o * inFeatures) + j];
                    double term = x[(t * inFeatures) + j] * weight;
                    outlierSum += term;
                    outlierMagnitude += Math.Abs(term);
                }

                double b = bias is null ? 0 : bias[o];
                int index = (t * outFeatures) + o;
                accumulators[index] = acc;
                y[index] = dequantized + outlierSum + b;
                magnitude[index] = Math.Abs(dequantized) + outlierMagnitude + Math.Abs(b);
            }
        });

        return new Int8ForwardResult(y, magnitude, accumulators, outliers, xCodes, xAbsMax, wCodes, wAbsMax);
    }

    /// <summary>
    /// The backward pass (§2.3): dX = dY·W_deq against the dequantized int8 weight, dW = dYᵀ·X and
    /// db = Σ_t dY in full precision. Also returns Σ|terms| of each element, for error bounds.
    /// </summary>
    /// <param name="parallel">Spread token rows (dX) and output channels (dW, db) over cores; results are identical.</param>
    public static Int8BackwardResult Backward(
        float[] x, float[] w, float[] dy, int tokens, int inFeatures, int outFeatures, bool parallel = false)
    {
        var (wCodes, wAbsMax) = QuantizeWeight(w, inFeatures, outFeatures, parallel);

        var dx = new double[tokens * inFeatures];
        var dxMagnitude = new double[tokens * inFeatures];
        RowLoop.For(tokens, parallel, t =>
        {
            for (int i = 0; i < inFeatures; i++)
            {
                double sum = 0, magnitude = 0;
                for (int o = 0; o < outFeatures; o++)
                {
                    double term = dy[(t * outFeatures) + o] * (wCodes[(o * inFeatures) + i] * (double)wAbsMax[o] / 127.0);
                    sum += term;
                    magnitude += Math.Abs(term);
                }

                dx[(t * inFeatures) + i] = sum;
                dxMagnitude[(t * inFeatures) + i] = magnitude;
            }
        });

        var (dw, dwMagnitude, db, dbMagnitude) = FullPrecision.LinearParameterGradients(x, dy, tokens, inFeatures, outFeatures, parallel);
        return new Int8BackwardResult(dx, dxMagnitude, dw, dwMagnitude, db, dbMagnitude);
    }

    /// <summary>Per-output-channel codes of the whole weight [out × in] (§2.1), and each channel's absmax.</summary>
    public static (sbyte[] Codes, float[] AbsMax) QuantizeWeight(float[] w, int inFeatures, int outFeatures, bool parallel = false)
    {
        var codes = new sbyte[outFeatures * inFeatures];
        var absMax = new float[outFeatures];
        RowLoop.For(outFeatures, parallel, o =>
        {
            QuantizeVector(w.AsSpan(o * inFeatures, inFeatures), out absMax[o]).CopyTo(codes, o * inFeatures);
        });
        return (codes, absMax);
    }
}
