namespace QuantDsl.Gpu.Layers;

/// <summary>bitsandbytes' variant: outlier columns multiply the dequantized int8 weight instead of the fp32 one.</summary>
[Int8Outliers(OutlierWeightsFromInt8 = true)]
public sealed partial class Int8OutlierWeightsLayer : QuantLinear
{
}
