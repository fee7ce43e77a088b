using ILGPU;
using ILGPU.Runtime;

namespace QuantDsl.Runtime;

/// <summary>
/// A caching allocator for the buffers of GPU tensors and per-call index arrays, in the way of PyTorch's CUDA
/// caching allocator: a returned buffer goes on a free list keyed by its element type and length, and the next
/// request of that type and length takes it instead of calling the driver. Reuse is safe without events because every launch and copy of a
/// <see cref="GpuBackend"/> runs in order on its one stream. The point is speed: <c>cuMemFree</c> waits for
/// the whole device, so a training step that frees a few hundred temporaries would otherwise stall the host
/// at every op and expose each launch's latency.
/// </summary>
internal sealed class DeviceBufferPool : IDisposable
{
    private readonly Accelerator accelerator;
    private readonly Dictionary<(Type Element, long Length), Stack<MemoryBuffer>> free = [];
    private readonly object gate = new();
    private long cachedBytes;
    private bool disposed;

    public DeviceBufferPool(Accelerator accelerator) => this.accelerator = accelerator;

    /// <summary>Bytes held in free lists (allocated on the device, owned by no tensor).</summary>
    public long CachedBytes
    {
        get
        {
            lock (gate)
            {
                return cachedBytes;
            }
        }
    }

    /// <summary>A buffer of exactly <paramref name="length"/> elements, contents unspecified.</summary>
    public MemoryBuffer1D<T, Stride1D.Dense> Rent<T>(long length)
        where T : unmanaged
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (free.TryGetValue((typeof(T), length), out var stack) && stack.TryPop(out var cached))
            {
                cachedBytes -= cached.LengthInBytes;
                return (MemoryBuffer1D<T, Stride1D.Dense>)cached;
            }
        }

        try
        {
            return accelerator.Allocate1D<T>(length);
        }
        catch (Exception error) when (error is OutOfMemoryException or AcceleratorException)
        {
            // The device may be full of cached buffers of other lengths: give them back and try once more.
            Trim();
            return accelerator.Allocate1D<T>(length);
        }
    }

    /// <summary>Takes <paramref name="buffer"/> back for reuse (its owner must not touch it again).</summary>
    public void Return<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer)
        where T : unmanaged
    {
        lock (gate)
        {
            if (disposed)
            {
                buffer.Dispose();
                return;
            }

            var key = (typeof(T), buffer.Length);
            if (!free.TryGetValue(key, out var stack))
            {
                stack = new Stack<MemoryBuffer>();
                free[key] = stack;
            }

            stack.Push(buffer);
            cachedBytes += buffer.LengthInBytes;
        }
    }

    /// <summary>Frees every cached buffer (buffers owned by live tensors are untouched).</summary>
    public void Trim()
    {
        lock (gate)
        {
            foreach (var stack in free.Values)
            {
                while (stack.TryPop(out var buffer))
                {
                    buffer.Dispose();
                }
            }

            free.Clear();
            cachedBytes = 0;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Trim();
        lock (gate)
        {
            disposed = true;
        }
    }
}
