using System.Numerics;

namespace QuantDsl.Oracle;

/// <summary>Whole-tensor error measures.</summary>
public static class Metrics
{
    /// <summary>‖actual − reference‖₂ / ‖reference‖₂, accumulated in double.</summary>
    public static double RelativeError<T>(ReadOnlySpan<T> actual, ReadOnlySpan<double> reference)
        where T : INumberBase<T>
    {
        double error = 0, norm = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double d = double.CreateChecked(actual[i]) - reference[i];
            error += d * d;
            norm += reference[i] * reference[i];
        }

        return Math.Sqrt(error / Math.Max(norm, double.Epsilon));
    }
}
