using ILGPU;
using ILGPU.Runtime;
using QuantDsl.Kernels.Gpu;
using QuantDsl.Kernels.Simd;

namespace QuantDsl.Runtime;

/// <summary>
/// What a generated forward or backward pass needs besides its tensors: the device, the layer's
/// workspace, and how to report bad values in the layer's own words.
/// </summary>
public sealed class QuantContext
{
    internal QuantContext(Device device, LayerWorkspace workspace, string layerName)
    {
        Device = device;
        Workspace = workspace;
        LayerName = layerName;
    }

    /// <summary>The device the layer and its tensors are on.</summary>
    public Device Device { get; }

    /// <summary>The layer's scratch and cache memory on <see cref="Device"/>.</summary>
    public LayerWorkspace Workspace { get; }

    /// <summary>How messages name the layer, e.g. <c>Proj</c>.</summary>
    public string LayerName { get; }

    /// <summary>The ILGPU backend (accelerator devices only).</summary>
    public GpuBackend Gpu => Device.Gpu;

    /// <summary>A zeroed one-element device counter named <paramref name="name"/>, for kernels to add to.</summary>
    public ArrayView<int> ZeroedCounter(string name) => Workspace.DeviceZeroed<int>(Gpu, name, 1);

    /// <summary>
    /// Reads a device counter back: waits for the queued work before it, which also reports the deferred NaN/±∞ checks of
    /// earlier forwards (<see cref="GpuBackend.Synchronize"/>).
    /// </summary>
    public int ReadCounter(ArrayView<int> counter)
    {
        Span<int> value = stackalloc int[1];
        counter.SubView(0, 1).CopyToCPU(Gpu.Stream, value);
        Gpu.Synchronize();
        return value[0];
    }

    /// <summary>
    /// Starts the NaN/±∞ check of a GPU forward's input <paramref name="tensor"/>: the forward's quantizer adds its count
    /// to the returned check's counter, and <see cref="EndNonFiniteCheck"/> after the launches reports it as
    /// <see cref="GpuBackend.NonFiniteChecks"/> says. Begin it after anything in the forward that synchronizes (weight
    /// caches read their own counters), so that a synchronization cannot come between this and the quantizer's launch.
    /// </summary>
    /// <param name="what">What is checked, e.g. <c>input x</c>.</param>
    /// <param name="tensor">The tensor checked (for its shape).</param>
    public NonFiniteCheck BeginNonFiniteCheck(string what, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return Gpu.NonFiniteChecks == NonFiniteCheckMode.Deferred
            ? new NonFiniteCheck(Gpu.ReserveNonFiniteCheck($"{LayerName}: {what} {tensor.ShapeText}"), deferred: true, what, tensor)
            : new NonFiniteCheck(ZeroedCounter(what + ".nonfinite"), deferred: false, what, tensor);
    }

    /// <summary>
    /// Ends a check begun by <see cref="BeginNonFiniteCheck"/>: in <see cref="NonFiniteCheckMode.Immediate"/> mode waits
    /// for the forward and throws when its input held NaN/±∞ (the output is then discarded); deferred checks are reported
    /// at the next synchronization and cost nothing here.
    /// </summary>
    /// <exception cref="NonFiniteValueException">Immediate mode, and the input held NaN/±∞.</exception>
    public void EndNonFiniteCheck(NonFiniteCheck check)
    {
        if (!check.Deferred)
        {
            ThrowIfNonFinite(ReadCounter(check.Counter), check.What, check.Tensor, "the output was discarded.");
        }
    }

    /// <summary>Counts the NaN and ±∞ elements of <paramref name="tensor"/> on its device.</summary>
    public int CountNonFinite(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!Device.IsAccelerator)
        {
            return Int8Simd.CountNonFinite(tensor.HostData);
        }

        var counter = ZeroedCounter("nonfinite.count");
        Gpu.Launch(ReductionKernels.CountNonFinite, ReductionKernels.Config(Math.Min(tensor.Length, 1 << 20)), tensor.View, tensor.Length, counter);
        return ReadCounter(counter);
    }

    /// <summary>Throws <see cref="NonFiniteValueException"/> when <paramref name="count"/> is not zero.</summary>
    /// <param name="count">How many NaN/±∞ elements were found.</param>
    /// <param name="what">What was checked: <c>input x</c>, <c>output gradient dy</c>, <c>weight</c>.</param>
    /// <param name="tensor">The tensor checked (for its shape).</param>
    /// <param name="consequence">What was not done because of it.</param>
    public void ThrowIfNonFinite(int count, string what, Tensor tensor, string consequence)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (count != 0)
        {
            throw new NonFiniteValueException(
                $"{LayerName}: {what} {tensor.ShapeText} holds {count} NaN/±∞ value(s); {consequence} " +
                "Find where they start (a diverging loss, an overflowing previous layer, bad data) before retrying.");
        }
    }
}
