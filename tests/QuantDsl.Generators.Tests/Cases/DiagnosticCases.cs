namespace QuantDsl.Generators.Tests.Cases;

/// <summary>
/// One minimal triggering declaration per diagnostic variant (QDSL0001–QDSL0008, QDSL0010, QDSL0011), with its fix.
/// QDSL0009 (the generator's crash guard) has no triggering source: RobustnessTests show it never has to fire.
/// </summary>
public static class DiagnosticCases
{
    private const string ValidFp4 = """
        using QuantDsl;

        namespace Demo;

        [Fp4Train]
        public sealed partial class Proj : QuantLinear
        {
        }
        """;

    private const string ValidProj = """
        using QuantDsl;

        namespace Demo;

        [Int8Outliers]
        public sealed partial class Proj : QuantLinear
        {
        }
        """;

    /// <summary>Every case, by name.</summary>
    public static IReadOnlyDictionary<string, DiagnosticCase> All { get; } = new DiagnosticCase[]
    {
        new("QDSL0001_NotPartial", "QDSL0001", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Int8Outliers]
            public sealed class [|Proj|] : QuantLinear
            {
            }
            """,
            ValidProj,
            "'Proj'", "partial class Proj"),

        new("QDSL0002_ObjectBase", "QDSL0002", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Int8Outliers]
            public sealed partial class [|Proj|] : object
            {
            }
            """,
            ValidProj,
            "does not derive from QuantLinear"),

        new("QDSL0002_PartialRecord", "QDSL0002", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Int8Outliers]
            public sealed partial record [|Proj|] : QuantLinear;
            """,
            ValidProj,
            "partial class Proj : QuantLinear"),

        new("QDSL0003_NegativeThreshold", "QDSL0003", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Int8Outliers([|Threshold = -1f|])]
            public sealed partial class Proj : QuantLinear
            {
            }
            """,
            ValidProj,
            "Threshold must be a finite number >= 0", "but it is -1"),

        new("QDSL0003_NaNThreshold", "QDSL0003", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Int8Outliers([|Threshold = float.NaN|], OutlierWeightsFromInt8 = true)]
            public sealed partial class Proj : QuantLinear
            {
            }
            """,
            ValidProj,
            "but it is NaN"),

        new("QDSL0003_InfiniteThreshold", "QDSL0003", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Int8Outliers([|Threshold = float.PositiveInfinity|])]
            public sealed partial class Proj : QuantLinear
            {
            }
            """,
            ValidProj,
            "but it is Infinity"),

        new("QDSL0004_Generic", "QDSL0004", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Int8Outliers]
            public sealed partial class [|Proj|]<T> : QuantLinear
            {
            }
            """,
            ValidProj,
            "'Proj' is generic"),

        new("QDSL0005_Nested", "QDSL0005", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            public static partial class Model
            {
                [Int8Outliers]
                public sealed partial class [|Proj|] : QuantLinear
                {
                }
            }
            """,
            ValidProj,
            "'Proj' is nested in 'Model'"),

        new("QDSL0006_Int8OutliersAndFp4Train", "QDSL0006", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Int8Outliers, Fp4Train]
            public sealed partial class [|Proj|] : QuantLinear
            {
            }
            """,
            ValidProj,
            "'Proj' has [Int8Outliers], [Fp4Train]"),

        new("QDSL0006_Fp4TrainThenInt8Outliers", "QDSL0006", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Fp4Train(DgeK = 5)]
            [Int8Outliers(Threshold = 6f)]
            public sealed partial class [|Proj|] : QuantLinear
            {
            }
            """,
            ValidProj,
            "'Proj' has [Fp4Train], [Int8Outliers]"),

        new("QDSL0007_ForwardCoreOverride", "QDSL0007", "Demo.Proj", """
            using QuantDsl;
            using QuantDsl.Runtime;

            namespace Demo;

            [Int8Outliers]
            public sealed partial class Proj : QuantLinear
            {
                protected override void [|ForwardCore|](QuantContext context, Tensor x, Tensor y)
                {
                }
            }
            """,
            ValidProj,
            "declares 'ForwardCore'"),

        new("QDSL0007_KernelsMethod", "QDSL0007", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Int8Outliers]
            public sealed partial class Proj : QuantLinear
            {
                private static int [|Kernels|]() => 0;
            }
            """,
            ValidProj,
            "declares 'Kernels'"),

        new("QDSL0007_LayerNamedKernels", "QDSL0007", "Demo.Kernels", """
            using QuantDsl;

            namespace Demo;

            [Int8Outliers]
            public sealed partial class [|Kernels|] : QuantLinear
            {
            }
            """,
            ValidProj.Replace("class Proj", "class LayerKernels", StringComparison.Ordinal),
            "'Kernels' declares 'Kernels'") { FixedFullName = "Demo.LayerKernels" },

        new("QDSL0008_VectorQuantize", "QDSL0008", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [[|VectorQuantize|]]
            public sealed partial class Proj : QuantLinear
            {
            }
            """,
            ValidProj,
            "[VectorQuantize] on 'Proj' is not generated"),

        new("QDSL0003_Fp4ClampQuantileOne", "QDSL0003", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Fp4Train([|ClampQuantile = 1f|])]
            public sealed partial class Proj : QuantLinear
            {
            }
            """,
            ValidFp4,
            "ClampQuantile must lie strictly between 0.5 and 1", "set Clamp = false"),

        new("QDSL0003_Fp4ClampQuantileLow", "QDSL0003", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Fp4Train([|ClampQuantile = 0.4f|])]
            public sealed partial class Proj : QuantLinear
            {
            }
            """,
            ValidFp4,
            "ClampQuantile must lie strictly between 0.5 and 1", "but it is 0.4"),

        new("QDSL0003_Fp4DgeK", "QDSL0003", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Fp4Train([|DgeK = 1|])]
            public sealed partial class Proj : QuantLinear
            {
            }
            """,
            ValidFp4,
            "DgeK must be an integer > 1", "but it is 1"),

        new("QDSL0003_Fp4DgeClip", "QDSL0003", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Fp4Train([|DgeClip = 0f|])]
            public sealed partial class Proj : QuantLinear
            {
            }
            """,
            ValidFp4,
            "DgeClip must be a finite number > 0", "but it is 0"),

        new("QDSL0003_Fp4CompensateWithoutClamp", "QDSL0003", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Fp4Train(Clamp = false, [|Compensate = true|])]
            public sealed partial class Proj : QuantLinear
            {
            }
            """,
            ValidFp4,
            "Compensate = true adds back what clamping removed", "Clamp = false"),

        new("QDSL0003_Fp4QuantizedCompensationWithoutCompensation", "QDSL0003", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Fp4Train(Compensate = false, [|CompensateWithQuantizedWeight = true|])]
            public sealed partial class Proj : QuantLinear
            {
            }
            """,
            ValidFp4,
            "CompensateWithQuantizedWeight chooses the weight", "compensation is off"),

        new("QDSL0008_CrossQuant", "QDSL0008", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [[|CrossQuant|]]
            public sealed partial class Proj : QuantLinear
            {
            }
            """,
            ValidProj,
            "[CrossQuant] on 'Proj' is not generated"),

        new("QDSL0010_FileLocal", "QDSL0010", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Int8Outliers]
            file sealed partial class [|Proj|] : QuantLinear
            {
            }
            """,
            ValidProj,
            "'Proj' is declared 'file'"),

        new("QDSL0011_CSharp11", "QDSL0011", "Demo.Proj", """
            using QuantDsl;

            namespace Demo;

            [Int8Outliers]
            public sealed partial class [|Proj|] : QuantLinear
            {
            }
            """,
            ValidProj,
            "needs C# 12 or later", "compiles as C# 11")
        {
            LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp11,
        },
    }.ToDictionary(c => c.Name);

    /// <summary>The case names, as theory data.</summary>
    public static TheoryData<string> Names => new(All.Keys);
}
