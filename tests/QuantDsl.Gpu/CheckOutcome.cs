namespace QuantDsl.Gpu;

/// <summary>What a check found.</summary>
/// <param name="Passed">Whether every comparison held.</param>
/// <param name="WorstRatio">The largest error/bound ratio among the comparisons (≤ 1 passes); null when the check compares no numbers.</param>
/// <param name="LayerSeconds">Time of the timed layer call (after a warm-up call), information only; null when not timed.</param>
/// <param name="Message">What was compared and found, one line per comparison.</param>
public sealed record CheckOutcome(bool Passed, double? WorstRatio, double? LayerSeconds, string Message)
{
    /// <summary>A failure without numbers (an exception, a missing error).</summary>
    public static CheckOutcome Failed(string message) => new(false, null, null, message);
}
