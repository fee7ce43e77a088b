namespace QuantDsl.Kernels.Reductions;

/// <summary>Sum of ints.</summary>
public readonly struct SumReduction : IGroupReduction<int>
{
    /// <inheritdoc/>
    public int Identity => 0;

    /// <inheritdoc/>
    public int Combine(int left, int right) => left + right;
}
