using System.Collections.Immutable;

namespace QuantDsl.Generators.Extraction;

/// <summary>One quantization attribute the generator knows: its metadata name and the base its layers need.</summary>
internal sealed record PolicyAttribute(string MetadataName, string ShortName, string RequiredBase, bool IsGenerated)
{
    /// <summary>The common base of all policy attributes.</summary>
    public const string BaseAttributeMetadataName = "QuantDsl.QuantizationAttribute";

    /// <summary>Every policy attribute of the runtime, in the order the pipelines are registered.</summary>
    public static ImmutableArray<PolicyAttribute> All { get; } = ImmutableArray.Create(
        new PolicyAttribute("QuantDsl.Int8OutliersAttribute", "Int8Outliers", "QuantDsl.QuantLinear", IsGenerated: true),
        new PolicyAttribute("QuantDsl.Fp4TrainAttribute", "Fp4Train", "QuantDsl.QuantLinear", IsGenerated: true),
        new PolicyAttribute("QuantDsl.VectorQuantizeAttribute", "VectorQuantize", "QuantDsl.QuantLinear", IsGenerated: false),
        new PolicyAttribute("QuantDsl.CrossQuantAttribute", "CrossQuant", "QuantDsl.QuantLinear", IsGenerated: false),
        new PolicyAttribute("QuantDsl.NsnKvCacheAttribute", "NsnKvCache", "QuantDsl.QuantAttention", IsGenerated: false));
}
