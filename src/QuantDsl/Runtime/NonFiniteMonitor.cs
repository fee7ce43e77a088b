using ILGPU;
using ILGPU.Runtime;

namespace QuantDsl.Runtime;

/// <summary>
/// The deferred NaN/±∞ checks of one device (<see cref="NonFiniteCheckMode.Deferred"/>): a ring of device counters, one
/// per forward queued since the last synchronization, read back together when the device synchronizes. A forward then
/// costs no host round trip and no memset; the ring is zeroed again in one memset per synchronization, and a full ring
/// forces one.
/// </summary>
internal sealed class NonFiniteMonitor : IDisposable
{
    /// <summary>Forwards that can be queued between two synchronizations before one is forced.</summary>
    internal const int Capacity = 1024;

    private readonly object gate = new();
    private readonly AcceleratorStream stream;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> counters;
    private readonly List<string> pending = [];

    public NonFiniteMonitor(Accelerator accelerator, AcceleratorStream stream)
    {
        this.stream = stream;
        counters = accelerator.Allocate1D<int>(Capacity);
        counters.View.MemSetToZero(stream);
    }

    /// <summary>Checks waiting for the next synchronization.</summary>
    public int PendingCount
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>
    /// A zero counter for one check, described by <paramref name="subject"/> (e.g. <c>Proj: input x [4096, 4096]</c>).
    /// With <see cref="Capacity"/> checks pending it first waits for the device and reports them (may throw).
    /// </summary>
    public ArrayView<int> Reserve(string subject)
    {
        lock (gate)
        {
            if (pending.Count == Capacity)
            {
                stream.Synchronize();
                Report();
            }

            pending.Add(subject);
            return counters.View.SubView(pending.Count - 1, 1);
        }
    }

    /// <summary>
    /// Reads the pending counters (the caller has synchronized the stream, so the kernels that add to them are done),
    /// zeroes them for reuse and throws <see cref="NonFiniteValueException"/> for the first check that counted any.
    /// </summary>
    public void Report()
    {
        lock (gate)
        {
            int used = pending.Count;
            if (used == 0)
            {
                return;
            }

            var counts = new int[used];
            var view = counters.View.SubView(0, used);
            view.CopyToCPU(stream, counts);
            stream.Synchronize();
            view.MemSetToZero(stream);
            string[] subjects = [.. pending];
            pending.Clear();

            int first = Array.FindIndex(counts, count => count != 0);
            if (first < 0)
            {
                return;
            }

            int others = counts.Count(count => count != 0) - 1;
            throw new NonFiniteValueException(
                $"{subjects[first]} held {counts[first]} NaN/±∞ value(s) in a forward queued since the last synchronization; " +
                "that forward's output, and everything computed from it, is invalid" +
                (others > 0 ? $" ({others} later forward(s) also saw NaN/±∞ inputs)" : string.Empty) + ". " +
                "Find where they start (a diverging loss, an overflowing previous layer, bad data) before retrying. " +
                "GPU forwards report this at the device's next synchronization (a copy to the host, Backward, an optimizer " +
                "step, Synchronize()); set NonFiniteChecks = NonFiniteCheckMode.Immediate on the device's Gpu to stop at the call itself.");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => counters.Dispose();
}
