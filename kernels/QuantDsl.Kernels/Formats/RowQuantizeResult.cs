namespace QuantDsl.Kernels.Formats;

/// <summary>What a group learned while quantizing one row.</summary>
/// <param name="AbsMax">The row's absmax over the columns that were quantized (outlier columns excluded).</param>
/// <param name="NonFinite">How many elements of the whole row were NaN or ±∞.</param>
public readonly record struct RowQuantizeResult(float AbsMax, int NonFinite);
