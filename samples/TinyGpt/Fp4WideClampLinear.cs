using QuantDsl;

namespace TinyGptSample;

/// <summary>Ablation of the clamp quantile: the paper's defaults, but OCC at α = 0.999 (fewer clamped activations).</summary>
[Fp4Train(ClampQuantile = 0.999f)]
public sealed partial class Fp4WideClampLinear : QuantLinear
{
}
