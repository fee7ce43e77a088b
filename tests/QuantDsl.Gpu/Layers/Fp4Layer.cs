namespace QuantDsl.Gpu.Layers;

/// <summary>FP4 training with the paper's defaults.</summary>
[Fp4Train]
public sealed partial class Fp4Layer : QuantLinear
{
}
