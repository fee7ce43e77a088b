using QuantDsl;

namespace TinyGptSample;

/// <summary>FP4 training with the paper's defaults: DGE (k = 5), OCC at α = 0.99 with compensation, E5M2 output gradients.</summary>
[Fp4Train]
public sealed partial class Fp4Linear : QuantLinear
{
}
