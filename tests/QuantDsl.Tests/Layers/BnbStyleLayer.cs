namespace QuantDsl.Tests.Layers;

/// <summary>bitsandbytes' variant: outlier columns use the dequantized int8 weight; a lower threshold to exercise it.</summary>
[Int8Outliers(Threshold = 4.5f, OutlierWeightsFromInt8 = true)]
public sealed partial class BnbStyleLayer : QuantLinear
{
}
