namespace QuantDsl.Generators.Tests.Cases;

/// <summary>Malformed and unusual declarations: the generator must never throw, and never emit code that does not compile.</summary>
public static class RobustnessCases
{
    /// <summary>Every case, by name.</summary>
    public static IReadOnlyDictionary<string, RobustnessCase> All { get; } = new RobustnessCase[]
    {
        new("ThresholdOfWrongType", [Layer("[Int8Outliers(Threshold = \"x\")]", "public sealed partial class Proj : QuantLinear { }")], [], []),
        // The compiler reports the malformed argument; what is generated must compile regardless.
        new("ThresholdAsDouble", [Layer("[Int8Outliers(Threshold = 6.0)]", "public sealed partial class Proj : QuantLinear { }")], ["Demo.Proj"], []),
        new("ThresholdAsInt", [Layer("[Int8Outliers(Threshold = 6)]", "public sealed partial class Proj : QuantLinear { }")], ["Demo.Proj"], []),
        new("ThresholdMissingValue", [Layer("[Int8Outliers(Threshold = )]", "public sealed partial class Proj : QuantLinear { }")], [], []),
        new("ThresholdTwice", [Layer("[Int8Outliers(Threshold = 1f, Threshold = 2f)]", "public sealed partial class Proj : QuantLinear { }")], ["Demo.Proj"], []),
        new("UnknownNamedArgument", [Layer("[Int8Outliers(Bits = 4)]", "public sealed partial class Proj : QuantLinear { }")], ["Demo.Proj"], []),
        new("PositionalArgument", [Layer("[Int8Outliers(6f)]", "public sealed partial class Proj : QuantLinear { }")], ["Demo.Proj"], []),
        new("ExtremeThresholds", [
            Layer("[Int8Outliers(Threshold = float.MaxValue)]", "public sealed partial class Huge : QuantLinear { }"),
            Layer("[Int8Outliers(Threshold = float.Epsilon)]", "public sealed partial class Tiny : QuantLinear { }"),
            Layer("[Int8Outliers(Threshold = -0f)]", "public sealed partial class NegativeZero : QuantLinear { }"),
            Layer("[Int8Outliers(Threshold = 1e-3f)]", "public sealed partial class Small : QuantLinear { }")],
            ["Demo.Huge", "Demo.Tiny", "Demo.NegativeZero", "Demo.Small"], []),
        new("UnresolvedBaseType", [Layer("[Int8Outliers]", "public sealed partial class Proj : MissingBase { }")], [], []),
        new("ClassWithoutName", [Layer("[Int8Outliers]", "public sealed partial class : QuantLinear { }")], [], []),
        new("UnclosedClass", [Layer("[Int8Outliers]", "public sealed partial class Proj : QuantLinear {")], ["Demo.Proj"], []),
        new("GarbageInClassBody", [Layer("[Int8Outliers]", "public sealed partial class Proj : QuantLinear { int = ; }")], ["Demo.Proj"], []),
        new("UnclosedAttribute", [Layer("[Int8Outliers(Threshold = 2f", "public sealed partial class Proj : QuantLinear { }")], ["Demo.Proj"], []),
        // CS0713 (a static class derives from object only) is the compiler's to report.
        new("StaticPartialClass", [Layer("[Int8Outliers]", "public static partial class Proj : QuantLinear { }")], [], []),
        new("Struct", [Layer("[Int8Outliers]", "public partial struct Proj { }")], [], ["QDSL0002"]),
        new("Interface", [Layer("[Int8Outliers]", "public partial interface IProj { }")], [], ["QDSL0002"]),
        new("Enum", [Layer("[Int8Outliers]", "public enum Proj { A }")], [], []),
        new("OnAMethod", [Layer(string.Empty, "public static class Holder { [Int8Outliers] public static void M() { } }")], [], []),
        new("AbstractPartialClass", [Layer("[Int8Outliers]", "public abstract partial class Proj : QuantLinear { }")], ["Demo.Proj"], []),
        new("PrimaryConstructor", [Layer("[Int8Outliers]", "public sealed partial class Proj(int i, int o) : QuantLinear(i, o);")], ["Demo.Proj"], []),
        new("FileScopedNamespace", [Layer("[Int8Outliers]", "public sealed partial class Proj : QuantLinear { }")], ["Demo.Proj"], []),
        new("BlockNamespace", ["""
            using QuantDsl;

            namespace Demo
            {
                [Int8Outliers]
                public sealed partial class Proj : QuantLinear { }
            }
            """], ["Demo.Proj"], []),
        new("NestedNamespaces", ["""
            using QuantDsl;

            namespace Demo
            {
                namespace Inner.Deeper
                {
                    [Int8Outliers]
                    public sealed partial class Proj : QuantLinear { }
                }
            }
            """], ["Demo.Inner.Deeper.Proj"], []),
        new("TwoLayersInOneFile", [Layer(
            "[Int8Outliers]",
            "public sealed partial class First : QuantLinear { }\n\n[Int8Outliers(Threshold = 0f)]\npublic sealed partial class Second : QuantLinear { }")],
            ["Demo.First", "Demo.Second"], []),
        new("SameNameInTwoNamespaces", [
            "using QuantDsl;\nnamespace A;\n[Int8Outliers]\npublic sealed partial class Proj : QuantLinear { }\n",
            "using QuantDsl;\nnamespace B;\n[Int8Outliers]\npublic sealed partial class Proj : QuantLinear { }\n"],
            ["A.Proj", "B.Proj"], []),
        new("SplitAcrossTwoPartialDeclarations", [
            Layer("[Int8Outliers]", "public sealed partial class Proj : QuantLinear { }"),
            Layer(string.Empty, "public sealed partial class Proj { public Proj() : base(4, 4) { } }")],
            ["Demo.Proj"], []),
        new("AttributeOnTheDeclarationWithoutBaseList", [
            Layer(string.Empty, "public sealed partial class Proj : QuantLinear { }"),
            Layer("[Int8Outliers]", "public sealed partial class Proj { }")],
            ["Demo.Proj"], []),
        new("SameAttributeTwice", [Layer("[Int8Outliers, Int8Outliers]", "public sealed partial class Proj : QuantLinear { }")], [], ["QDSL0006"]),
        new("SameAttributeOnTwoPartialDeclarations", [
            Layer("[Int8Outliers]", "public sealed partial class Proj : QuantLinear { }"),
            Layer("[Int8Outliers(Threshold = 1f)]", "public sealed partial class Proj { }")],
            [], ["QDSL0006", "QDSL0006"]),
        new("NotPartialButAnotherDeclarationIs", [
            Layer("[Int8Outliers]", "public sealed class Proj : QuantLinear { }"),
            Layer(string.Empty, "public sealed partial class Proj { }")],
            [], ["QDSL0001"]),
        new("NestedAndGeneric", [Layer(string.Empty, "public partial class Outer { [Int8Outliers] public sealed partial class Proj<T> : QuantLinear { } }")], [], ["QDSL0004", "QDSL0005"]),
        new("UserStaticConstructorOnly", [Layer("[Int8Outliers]", "public sealed partial class Proj : QuantLinear { static Proj() { } }")], ["Demo.Proj"], []),
        new("UserToOverloadThatDoesNotClash", [Layer("[Int8Outliers]", "public sealed partial class Proj : QuantLinear { public Proj To(int i) => this; }")], ["Demo.Proj"], []),
        new("UserToDeviceClashes", [Layer("[Int8Outliers]", "public sealed partial class Proj : QuantLinear { public Proj To(Device device) => this; }")], [], ["QDSL0007"]),
        new("UserCpuEpilogueType", [Layer("[Int8Outliers]", "public sealed partial class Proj : QuantLinear { private struct CpuEpilogue { } }")], [], ["QDSL0007"]),
        new("AttributeThroughAlias", ["""
            using QuantDsl;
            using Int8 = QuantDsl.Int8OutliersAttribute;

            namespace Demo;

            [Int8(Threshold = 3f)]
            public sealed partial class Proj : QuantLinear { }
            """], ["Demo.Proj"], []),
        new("FullyQualifiedAttributeWithSuffix", ["""
            namespace Demo;

            [global::QuantDsl.Int8OutliersAttribute(Threshold = 3f)]
            public sealed partial class Proj : global::QuantDsl.QuantLinear { }
            """], ["Demo.Proj"], []),
        new("NullableDisabledFile", [Layer("[Int8Outliers]", "#nullable disable\npublic sealed partial class Proj : QuantLinear { }")], ["Demo.Proj"], []),
        new("InternalLayerInInternalNamespace", [Layer("[Int8Outliers]", "internal sealed partial class Proj : QuantLinear { }")], ["Demo.Proj"], []),
        new("LayerNamedLikeAGeneratedMember", [Layer("[Int8Outliers]", "public sealed partial class Kernels : QuantLinear { }")], [], ["QDSL0007"]),
        new("LayerWithKeywordName", [Layer("[Int8Outliers]", "public sealed partial class @event : QuantLinear { }")], ["Demo.event"], []),
        new("LayerWithCombiningMarkInName", [Layer("[Int8Outliers]", "public sealed partial class Cafe\u0301 : QuantLinear { }")], ["Demo.Cafe_"], []),
        new("LayerInKeywordNamespace", ["using QuantDsl;\nnamespace @class.Layers;\n[Int8Outliers]\npublic sealed partial class Proj : QuantLinear { }\n"], ["class.Layers.Proj"], []),
        new("LayerDerivedFromAnotherLayer", [
            Layer("[Int8Outliers]", "public partial class BaseProj : QuantLinear { }\n\n[Int8Outliers(Threshold = 0f)]\npublic sealed partial class DerivedProj : BaseProj { }")],
            ["Demo.BaseProj", "Demo.DerivedProj"], []),
        new("LayerDerivedFromAUserBase", [
            Layer(string.Empty, "public abstract class MyLinear : QuantLinear { protected MyLinear(int i, int o) : base(i, o) { } }\n\n[Int8Outliers]\npublic sealed partial class Proj : MyLinear { public Proj() : base(4, 4) { } }")],
            ["Demo.Proj"], []),
        new("LayerDerivedFromABaseWithTo", [
            Layer(string.Empty, "public abstract class MyLinear : QuantLinear { protected MyLinear(int i, int o) : base(i, o) { } public MyLinear To(Device device) { MoveTo(device); return this; } }\n\n[Int8Outliers]\npublic sealed partial class Proj : MyLinear { public Proj() : base(4, 4) { } }")],
            ["Demo.Proj"], []),
        new("FileLocalLayer", [Layer("[Int8Outliers]", "file sealed partial class Proj : QuantLinear { }")], [], ["QDSL0010"]),
        new("DocumentedPublicLayer", [Layer("/// <summary>Documented.</summary>\n[Int8Outliers]", "public sealed partial class Proj : QuantLinear { }")], ["Demo.Proj"], []),
    }.ToDictionary(c => c.Name);

    /// <summary>The case names, as theory data.</summary>
    public static TheoryData<string> Names => new(All.Keys);

    private static string Layer(string attribute, string declaration) =>
        $"using QuantDsl;\n\nnamespace Demo;\n\n{attribute}\n{declaration}\n";
}
