using ILGPU;

namespace QuantDsl.Kernels.Reductions;

/// <summary>Maximum of floats.</summary>
public readonly struct MaxReduction : IGroupReduction<float>
{
    /// <inheritdoc/>
    public float Identity => float.NegativeInfinity;

    /// <inheritdoc/>
    public float Combine(float left, float right) => IntrinsicMath.Max(left, right);
}
