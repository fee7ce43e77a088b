using System.Collections.Concurrent;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

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
    private readonly DeviceBufferPool tensorBuffers;
    private readonly NonFiniteMonitor nonFiniteMonitor;
    private bool disposed;

    private bool useWarpgroupMma;
    private int? gemmKSplits;

    internal GpuBackend(Context context, Accelerator accelerator, string deviceName)
    {
        this.context = context;
        Accelerator = accelerator;
        DeviceName = deviceName;
        tensorBuffers = new DeviceBufferPool(accelerator);
        nonFiniteMonitor = new NonFiniteMonitor(accelerator, accelerator.DefaultStream);
        SupportsWarpgroupMma = accelerator is CudaAccelerator cuda && cuda.Architecture == CudaArchitecture.SM_90;
        useWarpgroupMma = SupportsWarpgroupMma;
    }

    /// <summary>
    /// Whether this device runs the Hopper (compute capability 9.0) <c>wgmma</c> tiles of the int8 GEMM core
    /// (<c>Int8MmaGemm</c>'s <c>[HopperKernel]</c> kernels). ILGPU's CPU accelerator runs their managed twin, but the
    /// layers pick them only on such a GPU.
    /// </summary>
    public bool SupportsWarpgroupMma { get; }

    /// <summary>
    /// Whether the layers' int8 GEMMs use the <c>wgmma</c> tiles (default: <see cref="SupportsWarpgroupMma"/>); set false
    /// to run the <c>mma.sync</c> tiles instead, for example to compare the two in one process. ILGPU's CPU accelerator
    /// accepts true too and runs the tiles' managed twin (how CI tests the layers' wgmma entry points).
    /// </summary>
    /// <exception cref="NotSupportedException">Set to true on a CUDA device that does not support them.</exception>
    public bool UseWarpgroupMma
    {
        get => useWarpgroupMma;
        set
        {
            if (value && !SupportsWarpgroupMma && Accelerator.AcceleratorType != AcceleratorType.CPU)
            {
                throw new NotSupportedException($"{DeviceName} does not run the wgmma tiles: they need a compute-capability 9.0 GPU (H100, H200).");
            }

            useWarpgroupMma = value;
        }
    }

    /// <summary>
    /// Blocks per output tile along K for the layers' int8 GEMMs: null (the default) lets
    /// <c>Int8MmaGemm.ChooseKSplits</c> split K where the output tiles alone leave SMs idle (decode-sized batches), and
    /// keeps the 2–16-token skinny kernel's K whole; a number forces that split on both (reduced so no block is empty; 1
    /// turns splitting off), for example to compare them in one process.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a number below 1.</exception>
    public int? GemmKSplits
    {
        get => gemmKSplits;
        set
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "K splits must be at least 1 (or null for the automatic choice).");
            }

            gemmKSplits = value;
        }
    }

    /// <summary>
    /// Whether the layers' decode-sized int8 products (1 to 16 tokens) run on the decode kernels rather than on a 64-row
    /// tile (default true): one token as a GEMV (<c>Int8DotGemv</c>: dp4a over the weight rows), 2–16 tokens on tensor
    /// cores with the weights as the mma's A operand (<c>Int8MmaSkinny</c>); both give the tiles' int32 sums and epilogue,
    /// so the same bits. Set false to compare the paths in one process.
    /// </summary>
    public bool UseDecodeGemv { get; set; } = true;

    /// <summary>
    /// Whether the [Int8Outliers] forwards prepare a 2–16-token batch on the skinny kernel with <c>DecodeOutliers</c>
    /// (two launches over column slices; the epilogue then reads the outlier columns in place, nothing gathered; the
    /// same bits) instead of the general marking, per-row quantizer and gathers (default true: 8–17 % faster layers at 16
    /// tokens on an H200, BENCHMARKS 2026-12-06). Set false to compare the paths in one process (the bench's
    /// <c>layer-t6-general-outliers</c> row).
    /// </summary>
    public bool UseDecodeOutliers { get; set; } = true;

    /// <summary>
    /// When the layers' GPU forwards report NaN/±∞ in their input: <see cref="NonFiniteCheckMode.Deferred"/> (the default)
    /// at the next synchronization, so a forward queues its kernels without a host round trip, or
    /// <see cref="NonFiniteCheckMode.Immediate"/> at the call itself.
    /// </summary>
    public NonFiniteCheckMode NonFiniteChecks { get; set; } = NonFiniteCheckMode.Deferred;

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

    /// <summary>
    /// Bytes of device memory that disposed tensors left cached for reuse by tensors of the same length (see
    /// <see cref="ReleaseCachedTensorMemory"/>).
    /// </summary>
    public long CachedTensorBytes => tensorBuffers.CachedBytes;

    /// <summary>
    /// Frees the device memory cached from disposed tensors, for other users of the GPU (the cache refills as
    /// tensors are created again). An allocation that fails also empties the cache once before giving up.
    /// </summary>
    public void ReleaseCachedTensorMemory()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        tensorBuffers.Trim();
    }

    /// <summary>
    /// Waits for every queued launch and copy to finish, then reports the deferred NaN/±∞ checks of the forwards queued
    /// since the last synchronization (<see cref="NonFiniteChecks"/>).
    /// </summary>
    /// <exception cref="NonFiniteValueException">One of those forwards had NaN/±∞ in its input (reported once).</exception>
    public void Synchronize()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Stream.Synchronize();
        nonFiniteMonitor.Report();
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
            tensorBuffers.Dispose();
            nonFiniteMonitor.Dispose();
            Accelerator.Dispose();
        }
        finally
        {
            context.Dispose();
        }
    }

    /// <summary>A float buffer for a tensor of <paramref name="length"/> elements, from the cache when one is free.</summary>
    internal MemoryBuffer1D<float, Stride1D.Dense> RentTensorBuffer(long length)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return tensorBuffers.Rent<float>(length);
    }

    /// <summary>Deferred NaN/±∞ checks waiting for the next synchronization.</summary>
    internal int PendingNonFiniteChecks => nonFiniteMonitor.PendingCount;

    /// <summary>A counter for one deferred check (see <see cref="NonFiniteMonitor.Reserve"/>).</summary>
    internal ArrayView<int> ReserveNonFiniteCheck(string subject)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return nonFiniteMonitor.Reserve(subject);
    }

    /// <summary>Gives a disposed tensor's buffer back to the cache.</summary>
    internal void ReturnTensorBuffer(MemoryBuffer1D<float, Stride1D.Dense> buffer) => tensorBuffers.Return(buffer);

    /// <summary>
    /// A scratch buffer of <paramref name="length"/> elements for the queued work of one call (token ids, counters);
    /// disposing the lease gives it back to the cache without waiting for that work, which runs first in stream order.
    /// </summary>
    internal PooledBuffer<T> RentScratch<T>(long length)
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return new PooledBuffer<T>(tensorBuffers.Rent<T>(length), tensorBuffers);
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
            loaded = Accelerator is CudaAccelerator cuda && HopperKernelLoader.IsHopperKernel(kernel.Method)
                ? HopperKernelLoader.Load<TLoaded>(cuda, kernel.Method)
                : load(Accelerator, kernel);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new KernelLoadException(kernel.Method, DeviceName, error);
        }

        return (TLoaded)loadedKernels.GetOrAdd(kernel.Method, loaded);
    }
}
