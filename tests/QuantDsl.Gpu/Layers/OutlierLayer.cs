namespace QuantDsl.Gpu.Layers;

/// <summary>LLM.int8 with the paper's defaults: threshold 6, outlier columns against the fp32 weight.</summary>
[Int8Outliers]
public sealed partial class OutlierLayer : QuantLinear
{
}
