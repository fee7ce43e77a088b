namespace QuantDsl.Benchmarks.Layers;

/// <summary>Pure vector-wise int8 (threshold 0: no outlier decomposition).</summary>
[Int8Outliers(Threshold = 0f)]
public sealed partial class VectorWiseLayer : QuantLinear
{
}
