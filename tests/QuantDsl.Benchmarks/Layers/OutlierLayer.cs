namespace QuantDsl.Benchmarks.Layers;

/// <summary>LLM.int8(): input columns holding any |x| ≥ 6 go through fp32, the rest through int8.</summary>
[Int8Outliers(Threshold = 6f)]
public sealed partial class OutlierLayer : QuantLinear
{
}
