using QuantDsl;

namespace TinyGptSample;

/// <summary>The ablation: FP4 direct cast, no DGE (straight-through) and no outlier clamping.</summary>
[Fp4Train(Dge = false, Clamp = false)]
public sealed partial class Fp4DirectCastLinear : QuantLinear
{
}
