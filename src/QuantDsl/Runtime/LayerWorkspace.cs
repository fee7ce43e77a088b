using ILGPU;
using ILGPU.Runtime;

namespace QuantDsl.Runtime;

/// <summary>
/// Scratch and cache memory of one layer on its current device, by name: activation codes, scales,
/// outlier lists, quantized weights. Buffers grow to the largest request and are reused, so steady-state
/// calls allocate nothing. Everything is released when the layer moves to another device or is disposed.
/// </summary>
public sealed class LayerWorkspace : IDisposable
{
    private readonly Dictionary<string, object> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Tensor Source, int Version)> stamps = new(StringComparer.Ordinal);
    private readonly HashSet<string> keptZero = new(StringComparer.Ordinal);

    /// <summary>A device buffer of at least <paramref name="length"/> elements, viewed at exactly that length. Contents are unspecified.</summary>
    public ArrayView<T> Device<T>(GpuBackend gpu, string name, int length)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(gpu);
        if (entries.TryGetValue(name, out object? found) && found is MemoryBuffer1D<T, Stride1D.Dense> existing && existing.Length >= length)
        {
            return existing.View.SubView(0, length);
        }

        (found as IDisposable)?.Dispose();
        var created = gpu.Allocate<T>(Math.Max(length, 1));
        entries[name] = created;
        return created.View.SubView(0, length);
    }

    /// <summary>A device buffer like <see cref="Device{T}"/>, zeroed on the backend's stream.</summary>
    public ArrayView<T> DeviceZeroed<T>(GpuBackend gpu, string name, int length)
        where T : unmanaged
    {
        var view = Device<T>(gpu, name, length);
        view.MemSetToZero(gpu.Stream);
        return view;
    }

    /// <summary>
    /// A device buffer like <see cref="Device{T}"/> for kernels that leave it zero after every call (the int8 GEMM's
    /// K-split workspace): zeroed only when it is allocated, so steady-state calls queue no memset.
    /// </summary>
    public ArrayView<T> DeviceKeptZero<T>(GpuBackend gpu, string name, int length)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(gpu);
        bool existed = entries.TryGetValue(name, out object? found) && found is MemoryBuffer1D<T, Stride1D.Dense> existing && existing.Length >= length;
        var view = Device<T>(gpu, name, length);
        if (!existed || !keptZero.Contains(name))
        {
            view.MemSetToZero(gpu.Stream);
            keptZero.Add(name);
        }

        return view;
    }

    /// <summary>
    /// Has every <see cref="DeviceKeptZero{T}"/> buffer zeroed again at its next request: for a call that failed between
    /// the kernel that dirties such a buffer and the one that clears it.
    /// </summary>
    public void ForgetKeptZero() => keptZero.Clear();

    /// <summary>A managed array of at least <paramref name="length"/> elements. Contents are unspecified.</summary>
    public T[] Host<T>(string name, int length)
    {
        if (entries.TryGetValue(name, out object? found) && found is T[] existing && existing.Length >= length)
        {
            return existing;
        }

        var created = new T[length];
        entries[name] = created;
        return created;
    }

    /// <summary>
    /// A cached object derived from <paramref name="source"/>: <paramref name="build"/> runs (given the previous object
    /// of this name, or null, so it can reuse its storage) only when the entry is missing or stale for this version.
    /// </summary>
    public T Derived<T>(string name, Tensor source, Func<T?, T> build)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(build);
        entries.TryGetValue(name, out object? found);
        var existing = found as T;
        if (existing is not null && IsCurrent(name, source))
        {
            return existing;
        }

        var created = build(existing);
        entries[name] = created;
        MarkCurrent(name, source);
        return created;
    }

    /// <summary>
    /// True when the cache entry <paramref name="name"/> was last derived from this version of
    /// <paramref name="source"/>; callers that get false rebuild it and call <see cref="MarkCurrent"/>.
    /// </summary>
    public bool IsCurrent(string name, Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return stamps.TryGetValue(name, out var stamp) && ReferenceEquals(stamp.Source, source) && stamp.Version == source.Version;
    }

    /// <summary>Records that the cache entry <paramref name="name"/> now reflects <paramref name="source"/>.</summary>
    public void MarkCurrent(string name, Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        stamps[name] = (source, source.Version);
    }

    /// <summary>Frees every buffer and forgets every cache stamp.</summary>
    public void Clear()
    {
        foreach (object entry in entries.Values)
        {
            (entry as IDisposable)?.Dispose();
        }

        entries.Clear();
        stamps.Clear();
        keptZero.Clear();
    }

    /// <inheritdoc/>
    public void Dispose() => Clear();
}
