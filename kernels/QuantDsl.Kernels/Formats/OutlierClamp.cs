namespace QuantDsl.Kernels.Formats;

/// <summary>
/// Outlier clamping of FP4 activations (OCC, ALGORITHMS.md §1.4): each token is clamped to its own signed quantiles
/// <c>lo = s[⌊(1−α)·n⌋]</c>, <c>hi = s[⌊α·n⌋]</c> of the ascending-sorted row s.
/// </summary>
public static class OutlierClamp
{
    // α arrives as a decimal literal (0.99); α·n is then a hair below an integer in binary. The nudge makes ⌊α·n⌋
    // the index the decimal value means, far below any real change of α.
    private const double IndexNudge = 1e-6;

    /// <summary>Index of the lower clamp bound in the sorted row.</summary>
    public static int LowerIndex(double quantile, int length) => Index(1.0 - quantile, length);

    /// <summary>Index of the upper clamp bound in the sorted row.</summary>
    public static int UpperIndex(double quantile, int length) => Index(quantile, length);

    /// <summary>
    /// The most elements of a row OCC can clamp: at most LowerIndex of them lie strictly below s[LowerIndex] and at
    /// most n − 1 − UpperIndex strictly above s[UpperIndex] (at least 1, so buffers sized by it are never empty).
    /// </summary>
    public static int MaxClamped(double quantile, int length) =>
        Math.Max(1, LowerIndex(quantile, length) + (length - 1 - UpperIndex(quantile, length)));

    private static int Index(double fraction, int length)
    {
        int index = (int)Math.Floor((fraction * length) + IndexNudge);
        return Math.Clamp(index, 0, length - 1);
    }
}
