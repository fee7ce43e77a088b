namespace QuantDsl.Oracle;

/// <summary>The oracle's FP4 forward: outputs, Σ|terms| per output (for error bounds), and what the backward reuses.</summary>
/// <param name="Y">Outputs [tokens × out].</param>
/// <param name="Magnitude">Σ|terms| per output.</param>
/// <param name="XQuantized">Q(Xc) [tokens × in].</param>
/// <param name="Residual">ΔX = X − Xc [tokens × in] (zeros without clamping).</param>
/// <param name="WQuantized">Q(W) [out × in].</param>
/// <param name="WeightGamma">γ per output channel.</param>
public sealed record Fp4Forward(double[] Y, double[] Magnitude, float[] XQuantized, float[] Residual, float[] WQuantized, float[] WeightGamma);
