namespace QuantDsl.Generators.Tests.Cases;

/// <summary>The attribute variants with an approved generated file each (Snapshots/*.approved.cs).</summary>
public static class LayerCases
{
    /// <summary>Every case, by name.</summary>
    public static IReadOnlyDictionary<string, LayerCase> All { get; } = new LayerCase[]
    {
        // Defaults (Threshold 6, fp32 outlier weights), block namespace, no user constructor: the generator writes one.
        new("Int8OutliersDefaults", "Demo.Proj", """
            using QuantDsl;

            namespace Demo
            {
                /// <summary>A projection.</summary>
                [Int8Outliers]
                public sealed partial class Proj : QuantLinear
                {
                }
            }
            """),

        // Threshold 0: the decomposition is off (plain vector-wise int8, no outlier kernels).
        new("Fp4TrainDefaults", "Demo.Fp4Proj", """
            using QuantDsl;

            namespace Demo;

            /// <summary>FP4 training with the paper's defaults.</summary>
            [Fp4Train]
            public sealed partial class Fp4Proj : QuantLinear
            {
            }
            """),

        // The paper's direct-cast ablation: no DGE, no clamping.
        new("Fp4TrainDirectCast", "Demo.Fp4Direct", """
            using QuantDsl;

            namespace Demo;

            /// <summary>FP4 direct cast.</summary>
            [Fp4Train(Dge = false, Clamp = false)]
            public sealed partial class Fp4Direct : QuantLinear
            {
            }
            """),

        // Every non-default option.
        new("Fp4TrainOptions", "Demo.Fp4Options", """
            using QuantDsl;

            namespace Demo;

            /// <summary>FP4 with every option changed.</summary>
            [Fp4Train(PowerOfTwoScale = true, CompensateWithQuantizedWeight = true, OutputGradient = Fp4GradientFormat.Bf16, DgeK = 3, DgeClip = 2.5f, ClampQuantile = 0.97f)]
            public sealed partial class Fp4Options : QuantLinear
            {
            }
            """),

        new("ThresholdZero", "Demo.VectorWise", """
            using QuantDsl;

            namespace Demo;

            /// <summary>Plain vector-wise int8.</summary>
            [Int8Outliers(Threshold = 0f)]
            public sealed partial class VectorWise : QuantLinear
            {
            }
            """),

        // bitsandbytes-style outliers (dequantized int8 weight) at a non-default threshold.
        new("OutlierWeightsFromInt8", "Demo.Layers.BnbStyle", """
            using QuantDsl;

            namespace Demo.Layers;

            /// <summary>bitsandbytes-style outliers.</summary>
            [Int8Outliers(Threshold = 4.5f, OutlierWeightsFromInt8 = true)]
            internal sealed partial class BnbStyle : QuantLinear
            {
            }
            """),

        // Global namespace and a user constructor: no namespace line and no generated constructor.
        new("GlobalNamespaceWithConstructor", "GlobalLayer", """
            using QuantDsl;

            /// <summary>A layer in the global namespace.</summary>
            [Int8Outliers(Threshold = 6f)]
            public sealed partial class GlobalLayer : QuantLinear
            {
                /// <summary>A layer without bias.</summary>
                /// <param name="inFeatures">Input features.</param>
                /// <param name="outFeatures">Output features.</param>
                public GlobalLayer(int inFeatures, int outFeatures)
                    : base(inFeatures, outFeatures, bias: false)
                {
                }
            }
            """),

        // Abstract layer: the generated constructor is protected.
        new("AbstractLayer", "Demo.AbstractProj", """
            using QuantDsl;

            namespace Demo;

            /// <summary>An abstract layer for others to extend.</summary>
            [Int8Outliers(Threshold = 6f)]
            public abstract partial class AbstractProj : QuantLinear
            {
            }
            """),
    }.ToDictionary(c => c.Name);

    /// <summary>The case names, as theory data.</summary>
    public static TheoryData<string> Names => new(All.Keys);
}
