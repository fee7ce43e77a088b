using System.Collections.Concurrent;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;

namespace QuantDsl.Runtime;

/// <summary>
/// An ILGPU accelerator (CUDA, or ILGPU's CPU accelerator in tests) with the kernels loaded on it.
/// Generated layer code launches its kernels through <c>Launch</c>; each kernel is compiled the first
/// time it is launched on this accelerator and cached by method.
/// </summary>
public sealed partial class GpuBackend : IDisposable
{
    private readonly ConcurrentDictionary<MethodInfo, Delegate> loadedKernels = new();
    private readonly Context context;
    private bool disposed;

    internal GpuBackend(Context context, Accelerator accelerator, string deviceName)
    {
        this.context = context;
        Accelerator = accelerator;
        DeviceName = deviceName;
    }

    /// <summary>The ILGPU accelerator.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The stream every launch of this backend is queued on, in order.</summary>
    public AcceleratorStream Stream => Accelerator.DefaultStream;

    /// <summary>How errors name this device.</summary>
    public string DeviceName { get; }

    /// <summary>Allocates an uninitialized buffer of <paramref name="length"/> elements.</summary>
    public MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(long length)
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return Accelerator.Allocate1D<T>(length);
    }

    /// <summary>Waits for every queued launch and copy to finish.</summary>
    public void Synchronize()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Stream.Synchronize();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        loadedKernels.Clear();
        try
        {
            Accelerator.Dispose();
        }
        finally
        {
            context.Dispose();
        }
    }

    private TLoaded GetOrLoad<TEntry, TLoaded>(TEntry kernel, Func<Accelerator, TEntry, TLoaded> load)
        where TEntry : Delegate
        where TLoaded : Delegate
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (loadedKernels.TryGetValue(kernel.Method, out var cached))
        {
            return (TLoaded)cached;
        }

        TLoaded loaded;
        try
        {
            loaded = load(Accelerator, kernel);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new KernelLoadException(kernel.Method, DeviceName, error);
        }

        return (TLoaded)loadedKernels.GetOrAdd(kernel.Method, loaded);
    }
}
