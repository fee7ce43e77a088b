using QuantDsl;

namespace TinyGptSample;

/// <summary>Ablation of the DGE sharpness: k = 3 instead of the paper's 5 (k → 1 is the straight-through estimator).</summary>
[Fp4Train(DgeK = 3)]
public sealed partial class Fp4SoftDgeLinear : QuantLinear
{
}
