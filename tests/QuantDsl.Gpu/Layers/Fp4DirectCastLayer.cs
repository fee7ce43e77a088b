namespace QuantDsl.Gpu.Layers;

/// <summary>FP4 direct cast (no DGE, no clamping).</summary>
[Fp4Train(Dge = false, Clamp = false)]
public sealed partial class Fp4DirectCastLayer : QuantLinear
{
}
