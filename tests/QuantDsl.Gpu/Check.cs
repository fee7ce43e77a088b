namespace QuantDsl.Gpu;

/// <summary>One pass/fail check of the suite.</summary>
/// <param name="Name">Unique name, <c>kind/policy/shape</c>, matched by <c>--filter</c>.</param>
/// <param name="Shape">The layer call's size.</param>
/// <param name="Run">The check itself; it may throw (the runner reports the exception as a failure).</param>
public sealed record Check(string Name, Shape Shape, Func<HarnessContext, CheckOutcome> Run);
