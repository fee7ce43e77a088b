using QuantDsl;

namespace TinyGptSample;

/// <summary>DGE and OCC at α = 0.97 with the output gradient rounded to bf16 instead of E5M2: the two cheapest precision levers of the spec together.</summary>
[Fp4Train(ClampQuantile = 0.97f, OutputGradient = Fp4GradientFormat.Bf16)]
public sealed partial class Fp4TightClampBf16GradientLinear : QuantLinear
{
}
