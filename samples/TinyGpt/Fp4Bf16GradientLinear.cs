using QuantDsl;

namespace TinyGptSample;

/// <summary>Ablation of the output-gradient format: the paper's defaults, but dY rounded to bf16 instead of E5M2.</summary>
[Fp4Train(OutputGradient = Fp4GradientFormat.Bf16)]
public sealed partial class Fp4Bf16GradientLinear : QuantLinear
{
}
