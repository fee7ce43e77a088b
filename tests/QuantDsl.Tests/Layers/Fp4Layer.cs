namespace QuantDsl.Tests.Layers;

/// <summary>FP4 training with the paper's defaults (DGE, OCC 0.99 with compensation, E5M2 output gradient).</summary>
[Fp4Train]
public sealed partial class Fp4Layer : QuantLinear
{
}
