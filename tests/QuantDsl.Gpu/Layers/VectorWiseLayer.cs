namespace QuantDsl.Gpu.Layers;

/// <summary>Plain vector-wise int8: the outlier decomposition disabled, the baseline LLM.int8 improves on.</summary>
[Int8Outliers(Threshold = 0f)]
public sealed partial class VectorWiseLayer : QuantLinear
{
}
