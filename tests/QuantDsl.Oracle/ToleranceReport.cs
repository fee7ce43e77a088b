using System.Globalization;

namespace QuantDsl.Oracle;

/// <summary>The outcome of <see cref="Tolerance.Check"/>.</summary>
/// <param name="Count">Elements compared.</param>
/// <param name="Violations">Elements whose error exceeded their bound.</param>
/// <param name="WorstIndex">The element with the largest error/bound ratio.</param>
/// <param name="WorstRatio">That ratio (≤ 1 passes).</param>
/// <param name="WorstActual">The backend's value there.</param>
/// <param name="WorstExpected">The oracle's value there.</param>
/// <param name="WorstBound">The bound there.</param>
public sealed record ToleranceReport(
    int Count, int Violations, int WorstIndex, double WorstRatio, double WorstActual, double WorstExpected, double WorstBound)
{
    /// <summary>True when every element is within its bound.</summary>
    public bool Passed => Violations == 0;

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Violations} of {Count} elements out of bounds; worst at [{WorstIndex}]: actual {WorstActual:R}, expected {WorstExpected:R}, " +
        $"|error| = {Math.Abs(WorstActual - WorstExpected):E3} vs bound {WorstBound:E3} (ratio {WorstRatio:F3})");
}
