namespace QuantDsl.Gpu;

/// <summary>A check's outcome with its name, shape and wall time, as printed and written to results.json.</summary>
public sealed record CheckResult(string Name, Shape? Shape, CheckOutcome Outcome, double Seconds);
