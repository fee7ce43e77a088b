using QuantDsl.Oracle;

namespace QuantDsl.Tests.Training;

/// <summary>
/// Bounds for one computation run twice in float32 with different summation orders (the CPU loops and the ILGPU
/// kernels). Each float32 sum of n terms is within (n + 6)·u·Σ|terms| of the exact value in any order
/// (<see cref="Tolerance.Fp32Sum"/>), so two evaluations differ by at most twice that; a value that comes out of a
/// chain of k such sums, each well conditioned (terms of the size of the result), carries at most k times it to
/// first order. The bound is taken relative to the largest magnitude of the tensor compared (errors spread within
/// a tensor through the later sums), never tuned to pass.
/// </summary>
internal static class DeviceTolerance
{
    /// <summary>The bound for a tensor whose values come out of <paramref name="chained"/> sums of at most <paramref name="terms"/> terms.</summary>
    public static double Bound(int terms, int chained, ReadOnlySpan<float> reference)
    {
        double scale = 0;
        foreach (float v in reference)
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        return 2 * chained * Tolerance.Fp32Sum(terms, scale);
    }

    /// <summary>Asserts every element of <paramref name="actual"/> is within the bound of <paramref name="expected"/>.</summary>
    public static void AssertClose(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, int terms, int chained, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double bound = Bound(terms, chained, expected);
        int worst = -1;
        double worstError = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)actual[i] - expected[i]);
            if (double.IsNaN(error) || error > worstError)
            {
                worstError = double.IsNaN(error) ? double.PositiveInfinity : error;
                worst = i;
            }
        }

        Assert.True(
            worstError <= bound,
            $"{what}: element {worst} is {(worst < 0 ? 0 : actual[worst])} on the accelerator and {(worst < 0 ? 0 : expected[worst])} on the CPU; " +
            $"difference {worstError:E3} exceeds the bound {bound:E3}.");
    }
}
