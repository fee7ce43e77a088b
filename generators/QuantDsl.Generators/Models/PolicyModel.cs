namespace QuantDsl.Generators.Models;

/// <summary>A layer's quantization policy, read from its attribute: values only.</summary>
internal abstract record PolicyModel
{
    /// <summary>The attribute as the effective policy, e.g. <c>[Int8Outliers(Threshold = 6, OutlierWeightsFromInt8 = false)]</c>.</summary>
    public abstract string Describe();
}
