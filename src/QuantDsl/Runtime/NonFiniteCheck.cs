using ILGPU;

namespace QuantDsl.Runtime;

/// <summary>
/// One GPU forward's count of NaN/±∞ in an input, begun by <see cref="QuantContext.BeginNonFiniteCheck"/>: kernels add to
/// <see cref="Counter"/>, and <see cref="QuantContext.EndNonFiniteCheck"/> reports it now or at the next synchronization.
/// </summary>
public readonly struct NonFiniteCheck
{
    internal NonFiniteCheck(ArrayView<int> counter, bool deferred, string what, Tensor tensor)
    {
        Counter = counter;
        Deferred = deferred;
        What = what;
        Tensor = tensor;
    }

    /// <summary>A one-element device counter for the quantizer to add its NaN/±∞ count to.</summary>
    public ArrayView<int> Counter { get; }

    internal bool Deferred { get; }

    internal string What { get; }

    internal Tensor Tensor { get; }
}
