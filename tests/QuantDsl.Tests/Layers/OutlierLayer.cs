namespace QuantDsl.Tests.Layers;

/// <summary>LLM.int8 with the paper's defaults.</summary>
[Int8Outliers]
public sealed partial class OutlierLayer : QuantLinear
{
}
