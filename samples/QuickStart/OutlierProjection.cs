using QuantDsl;

namespace QuickStart;

/// <summary>LLM.int8(): int8 everywhere except the input columns holding any |x| ≥ 6 in the current call.</summary>
[Int8Outliers(Threshold = 6f)]
public sealed partial class OutlierProjection : QuantLinear
{
}
