namespace QuantDsl;

/// <summary>
/// An input, output gradient or weight held NaN or ±∞. Raised before anything derived from it is kept:
/// the layer's weights and gradients are unchanged. A GPU forward's input check is deferred by default
/// (<see cref="Runtime.GpuBackend.NonFiniteChecks"/>): it is raised at the device's next synchronization — a copy
/// to the host, <c>Backward</c>, an optimizer step, a checkpoint save — so still before any of those.
/// </summary>
public sealed class NonFiniteValueException : ArithmeticException
{
    /// <summary>Creates the exception with a message naming what was checked.</summary>
    public NonFiniteValueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that led to it.</summary>
    public NonFiniteValueException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public NonFiniteValueException()
        : base("A tensor held NaN or ±∞ values.")
    {
    }
}
