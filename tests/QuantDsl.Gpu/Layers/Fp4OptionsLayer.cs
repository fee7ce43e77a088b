namespace QuantDsl.Gpu.Layers;

/// <summary>FP4 with the non-default options (power-of-two scales, compensation with Q(W), bf16 gradient, k = 3, α = 0.97).</summary>
[Fp4Train(PowerOfTwoScale = true, CompensateWithQuantizedWeight = true, OutputGradient = Fp4GradientFormat.Bf16, DgeK = 3, ClampQuantile = 0.97f)]
public sealed partial class Fp4OptionsLayer : QuantLinear
{
}
