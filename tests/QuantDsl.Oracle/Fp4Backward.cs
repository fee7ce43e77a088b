namespace QuantDsl.Oracle;

/// <summary>The oracle's FP4 backward with Σ|terms| per element for error bounds.</summary>
/// <param name="Dx">Input gradient [tokens × in].</param>
/// <param name="DxMagnitude">Σ|terms| per element of dX.</param>
/// <param name="Dw">Weight gradient [out × in].</param>
/// <param name="DwMagnitude">Σ|terms| per element of dW.</param>
/// <param name="Db">Bias gradient [out].</param>
public sealed record Fp4Backward(double[] Dx, double[] DxMagnitude, double[] Dw, double[] DwMagnitude, double[] Db);
