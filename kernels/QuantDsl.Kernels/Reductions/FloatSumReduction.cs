namespace QuantDsl.Kernels.Reductions;

/// <summary>Sum of floats (row statistics of the training kernels).</summary>
public readonly struct FloatSumReduction : IGroupReduction<float>
{
    /// <inheritdoc/>
    public float Identity => 0f;

    /// <inheritdoc/>
    public float Combine(float left, float right) => left + right;
}
