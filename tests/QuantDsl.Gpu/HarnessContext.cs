namespace QuantDsl.Gpu;

/// <summary>What a check runs with: the device under test, the oracle's data, and the log for progress.</summary>
public sealed record HarnessContext(Device Device, OracleCache Oracle, Log Log);
