namespace QuantDsl.Tests.Layers;

/// <summary>Plain vector-wise int8: the decomposition disabled.</summary>
[Int8Outliers(Threshold = 0f)]
public sealed partial class VectorWiseLayer : QuantLinear
{
}
