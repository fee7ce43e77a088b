namespace QuantDsl.Runtime;

/// <summary>When a GPU forward reports NaN/±∞ in its input (see <see cref="GpuBackend.NonFiniteChecks"/>).</summary>
public enum NonFiniteCheckMode
{
    /// <summary>
    /// The forward queues its kernels and returns without waiting for them; the count its quantizer took is read at the
    /// device's next synchronization (a copy to the host, <c>Backward</c>, an optimizer step, a checkpoint save,
    /// <c>Synchronize()</c>), which throws <see cref="NonFiniteValueException"/> naming the layer and input. Like CUDA's
    /// asynchronous errors: nothing reaches the host, the gradients or the weights before it is reported.
    /// </summary>
    Deferred,

    /// <summary>
    /// Every forward waits for its kernels and throws at the call itself (one host round trip per layer call: for
    /// debugging, like <c>CUDA_LAUNCH_BLOCKING=1</c>).
    /// </summary>
    Immediate,
}
