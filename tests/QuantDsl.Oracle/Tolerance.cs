namespace QuantDsl.Oracle;

/// <summary>
/// Error bounds derived from float32 arithmetic, never tuned to make a test pass. With unit roundoff
/// u = 2⁻²⁴, a float32 sum of n products whose absolute values add up to M is within about (n + 2)·u·M of
/// the exact sum in any order of summation (the classic recursive-summation bound); a few more u cover
/// the roundings of scales that multiply each term.
/// </summary>
public static class Tolerance
{
    /// <summary>u = 2⁻²⁴, the unit roundoff of float32.</summary>
    public const double UnitRoundoff = 1.0 / (1 << 24);

    /// <summary>
    /// LLM.int8 output: the dequantized int32 sum (exact sum, three roundings in the scale product and one
    /// for the rounded 1/16129), plus the outlier sum over <paramref name="outlierColumns"/> terms and the
    /// bias. <paramref name="magnitude"/> is Σ|terms| from the oracle.
    /// </summary>
    public static double Int8Output(int outlierColumns, double magnitude) =>
        ((outlierColumns + 8) * UnitRoundoff * magnitude) + double.Epsilon;

    /// <summary>A float32 dot product of <paramref name="terms"/> terms, each possibly carrying a few roundings of its own.</summary>
    public static double Fp32Sum(int terms, double magnitude) =>
        ((terms + 6) * UnitRoundoff * magnitude) + double.Epsilon;

    /// <summary>
    /// Relative error of the DGE factor f′(x) = |2(x − l)/δ − 1|^(1/k − 1)/k evaluated in float32 from a float32 x: the
    /// distance d = |s − 1| (s = 2(x − l)/δ ∈ [0, 2)) carries up to u·(2/d + 1) relative error, amplified by 1 − 1/k
    /// through the power, plus about 4u for pow, the division and the product. d is smallest where f′ reaches the clip,
    /// d_min = (k·clip)^(−1/(1 − 1/k)); below it the result is the exact clip.
    /// </summary>
    public static double DgeFactor(double k, double clip)
    {
        double exponent = 1 - (1 / k);
        double dMin = Math.Pow(k * clip, -1 / exponent);
        return ((exponent * ((2 / dMin) + 1)) + 4) * UnitRoundoff;
    }

    /// <summary>Compares element by element; the report says how many elements broke their bound and the worst one.</summary>
    public static ToleranceReport Check(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, Func<int, double> bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        if (actual.Length != expected.Length)
        {
            return new ToleranceReport(expected.Length, expected.Length, -1, double.PositiveInfinity, 0, 0, 0);
        }

        int violations = 0, worst = -1;
        double worstRatio = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            double limit = bound(i);
            double ratio = double.IsNaN(error) ? double.PositiveInfinity : error / limit;
            if (ratio > 1)
            {
                violations++;
            }

            if (ratio > worstRatio || worst < 0)
            {
                worstRatio = ratio;
                worst = i;
            }
        }

        return worst < 0
            ? new ToleranceReport(0, 0, -1, 0, 0, 0, 0)
            : new ToleranceReport(actual.Length, violations, worst, worstRatio, actual[worst], expected[worst], bound(worst));
    }
}
