namespace QuantDsl.Kernels.Gemv;

/// <summary>The running sums of a GEMV warp's two output channels for one token.</summary>
/// <param name="First">The even channel of the warp's pair.</param>
/// <param name="Second">The odd channel.</param>
public readonly record struct GemvPair(float First, float Second);
