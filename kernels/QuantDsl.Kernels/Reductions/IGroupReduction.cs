namespace QuantDsl.Kernels.Reductions;

/// <summary>An associative, commutative combination for <see cref="GroupReduce"/> (a small struct ILGPU inlines).</summary>
public interface IGroupReduction<T>
    where T : unmanaged
{
    /// <summary>The value that leaves every other unchanged (for lanes with nothing to contribute).</summary>
    T Identity { get; }

    /// <summary>Combines two partial results.</summary>
    T Combine(T left, T right);
}
