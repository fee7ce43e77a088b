using QuantDsl;

namespace QuickStart;

/// <summary>Plain vector-wise int8 (threshold 0: no decomposition), the baseline LLM.int8 improves on.</summary>
[Int8Outliers(Threshold = 0f)]
public sealed partial class VectorWiseProjection : QuantLinear
{
}
