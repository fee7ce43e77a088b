using QuantDsl.Generators.Helpers;

namespace QuantDsl.Generators.Models;

/// <summary>[Int8Outliers]: LLM.int8() with its threshold and outlier-weight choice.</summary>
internal sealed record Int8OutliersPolicy(float Threshold, bool OutlierWeightsFromInt8, GemmPlan Gemm) : PolicyModel
{
    /// <summary>False when the threshold is 0: plain vector-wise int8, no outlier columns.</summary>
    public bool Decompose => Threshold > 0f;

    public override string Describe() =>
        $"[Int8Outliers(Threshold = {Literals.Number(Threshold)}, OutlierWeightsFromInt8 = {Literals.Bool(OutlierWeightsFromInt8)})]";
}
