namespace QuantDsl.Tests.Layers;

/// <summary>FP4 with the non-default options: power-of-two scales, compensation with Q(W), bf16 output gradient, k = 3.</summary>
[Fp4Train(PowerOfTwoScale = true, CompensateWithQuantizedWeight = true, OutputGradient = Fp4GradientFormat.Bf16, DgeK = 3, ClampQuantile = 0.97f)]
public sealed partial class Fp4VariantLayer : QuantLinear
{
}
