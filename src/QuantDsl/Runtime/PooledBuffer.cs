using ILGPU;
using ILGPU.Runtime;

namespace QuantDsl.Runtime;

/// <summary>A device buffer lent by a <see cref="DeviceBufferPool"/>; disposing it returns the buffer to the pool.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal readonly struct PooledBuffer<T> : IDisposable
    where T : unmanaged
{
    private readonly DeviceBufferPool pool;

    public PooledBuffer(MemoryBuffer1D<T, Stride1D.Dense> buffer, DeviceBufferPool pool)
    {
        Buffer = buffer;
        this.pool = pool;
    }

    /// <summary>The lent buffer.</summary>
    public MemoryBuffer1D<T, Stride1D.Dense> Buffer { get; }

    /// <summary>The whole buffer as a dense view.</summary>
    public ArrayView1D<T, Stride1D.Dense> View => Buffer.View;

    /// <inheritdoc/>
    public void Dispose() => pool.Return(Buffer);
}
