using QuantDsl;

namespace TinyGptSample;

/// <summary>Ablation of DGE: OCC as the paper's defaults, but the weight gradient passes straight through the quantizer (STE).</summary>
[Fp4Train(Dge = false)]
public sealed partial class Fp4StraightThroughLinear : QuantLinear
{
}
