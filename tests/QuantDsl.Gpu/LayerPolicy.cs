using System.Reflection;
using QuantDsl.Gpu.Layers;

namespace QuantDsl.Gpu;

/// <summary>
/// One of the harness's generated layer types, with the policy read back from its own attribute so that
/// the oracle always runs with exactly the layer's threshold and outlier-weight choice.
/// </summary>
public sealed class LayerPolicy
{
    private readonly Func<int, int, QuantLinear> create;

    private LayerPolicy(string name, Type layerType, Func<int, int, QuantLinear> create)
    {
        var attribute = layerType.GetCustomAttribute<Int8OutliersAttribute>()
            ?? throw new InvalidOperationException($"{layerType.Name} has no [Int8Outliers] attribute.");
        Name = name;
        LayerType = layerType;
        Threshold = attribute.Threshold;
        OutlierWeightsFromInt8 = attribute.OutlierWeightsFromInt8;
        this.create = create;
    }

    /// <summary>LLM.int8 with the paper's defaults.</summary>
    public static LayerPolicy Default { get; } = new("default", typeof(OutlierLayer), (i, o) => new OutlierLayer(i, o));

    /// <summary>Threshold 0: plain vector-wise int8.</summary>
    public static LayerPolicy VectorWise { get; } = new("threshold0", typeof(VectorWiseLayer), (i, o) => new VectorWiseLayer(i, o));

    /// <summary>Outlier columns against the dequantized int8 weight (bitsandbytes).</summary>
    public static LayerPolicy Int8OutlierWeights { get; } =
        new("int8-outlier-weights", typeof(Int8OutlierWeightsLayer), (i, o) => new Int8OutlierWeightsLayer(i, o));

    /// <summary>Every policy the harness checks.</summary>
    public static IReadOnlyList<LayerPolicy> All { get; } = [Default, VectorWise, Int8OutlierWeights];

    /// <summary>Short name used in check names.</summary>
    public string Name { get; }

    /// <summary>The generated layer type.</summary>
    public Type LayerType { get; }

    /// <summary>The attribute's outlier threshold (0: no decomposition).</summary>
    public float Threshold { get; }

    /// <summary>The attribute's outlier-weight choice.</summary>
    public bool OutlierWeightsFromInt8 { get; }

    /// <summary>Whether outlier columns are split off (Threshold &gt; 0).</summary>
    public bool Decomposes => Threshold > 0f;

    /// <summary>A new layer of this type for <paramref name="shape"/>, on the CPU.</summary>
    public QuantLinear Create(Shape shape) => create(shape.InFeatures, shape.OutFeatures);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
