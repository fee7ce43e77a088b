using System.ComponentModel;
using System.Globalization;
using ILGPU;
using ILGPU.Runtime;

namespace QuantDsl;

/// <summary>
/// A dense row-major float32 tensor on one <see cref="Device"/>: a managed array on the CPU device, an
/// ILGPU buffer on an accelerator. Moving data between devices is always an explicit copy
/// (<see cref="To"/>, <see cref="ToArray"/>, <see cref="CopyFrom"/>).
/// </summary>
public sealed class Tensor : IDisposable
{
    private readonly int[] shape;
    private readonly float[]? host;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? buffer;
    private bool disposed;

    private Tensor(Device device, int[] shape, float[]? host, MemoryBuffer1D<float, Stride1D.Dense>? buffer)
    {
        Device = device;
        this.shape = shape;
        this.host = host;
        this.buffer = buffer;
    }

    /// <summary>The device holding the data.</summary>
    public Device Device { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public IReadOnlyList<int> Shape => shape;

    /// <summary>Number of dimensions.</summary>
    public int Rank => shape.Length;

    /// <summary>Number of elements.</summary>
    public int Length => host?.Length ?? (int)buffer!.Length;

    /// <summary>The element type name, always <c>float32</c> (quantized codes live inside layers).</summary>
    public string DType => "float32";

    /// <summary>The shape as text, e.g. <c>[64, 256]</c>, for messages.</summary>
    public string ShapeText => FormatShape(shape);

    /// <summary>
    /// Counts modifications made through this API. Layers re-quantize cached weights when it changes;
    /// code that writes <see cref="HostData"/> or <see cref="View"/> directly calls <see cref="MarkModified"/>.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>The managed array behind a CPU tensor (for generated CPU code and interop).</summary>
    /// <exception cref="InvalidOperationException">The tensor is on an accelerator.</exception>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public float[] HostData
    {
        get
        {
            ThrowIfDisposed();
            return host ?? throw new InvalidOperationException(
                $"Tensor {ShapeText} is on {Device}; its data is not in host memory. Copy it with ToArray() or To(Device.Cpu()).");
        }
    }

    /// <summary>The ILGPU view of an accelerator tensor (for generated GPU code).</summary>
    /// <exception cref="InvalidOperationException">The tensor is on the CPU device.</exception>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public ArrayView<float> View
    {
        get
        {
            ThrowIfDisposed();
            Device.ThrowIfDisposed();
            return buffer is not null
                ? buffer.View
                : throw new InvalidOperationException($"Tensor {ShapeText} is on {Device}; it has no accelerator view.");
        }
    }

    /// <summary>A zero-filled tensor of <paramref name="shape"/> on <paramref name="device"/>.</summary>
    public static Tensor Zeros(Device device, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(device);
        device.ThrowIfDisposed();
        int[] dims = CheckShape(shape);
        int length = ElementCount(dims);
        if (!device.IsAccelerator)
        {
            return new Tensor(device, dims, new float[length], null);
        }

        var memory = device.Gpu.RentTensorBuffer(length);
        memory.View.MemSetToZero(device.Gpu.Stream);
        return new Tensor(device, dims, null, memory);
    }

    /// <summary>
    /// A tensor for a kernel to overwrite completely: on an accelerator its contents are whatever the tensor cache
    /// held (no fill pass — 16 µs for a 4096² output on an H200); on the CPU it is zero-filled like <see cref="Zeros"/>.
    /// </summary>
    internal static Tensor ForOutput(Device device, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(device);
        device.ThrowIfDisposed();
        int[] dims = CheckShape(shape);
        int length = ElementCount(dims);
        return device.IsAccelerator
            ? new Tensor(device, dims, null, device.Gpu.RentTensorBuffer(length))
            : new Tensor(device, dims, new float[length], null);
    }

    /// <summary>A tensor on <paramref name="device"/> holding a copy of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The data length does not match the shape.</exception>
    public static Tensor FromArray(Device device, ReadOnlySpan<float> data, params int[] shape)
    {
        var tensor = Zeros(device, shape);
        tensor.CopyFrom(data);
        tensor.Version = 0;
        return tensor;
    }

    /// <summary>A CPU tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(ReadOnlySpan<float> data, params int[] shape) => FromArray(Device.Cpu(), data, shape);

    /// <summary>A copy of this tensor on <paramref name="device"/> (a copy even on the same device).</summary>
    public Tensor To(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        ThrowIfDisposed();
        if (host is not null)
        {
            return FromArray(device, host, shape);
        }

        var copy = Zeros(device, shape);
        if (device == Device)
        {
            buffer!.View.CopyTo(Device.Gpu.Stream, copy.buffer!.View);
        }
        else
        {
            copy.CopyFrom(ToArray());
        }

        return copy;
    }

    /// <summary>The elements, row-major, copied to a new managed array (waits for queued GPU work).</summary>
    /// <exception cref="NonFiniteValueException">A GPU forward queued before had NaN/±∞ in its input (deferred check).</exception>
    public float[] ToArray()
    {
        var result = new float[Length];
        CopyTo(result);
        return result;
    }

    /// <summary>Copies the elements, row-major, into <paramref name="destination"/>.</summary>
    /// <exception cref="NonFiniteValueException">A GPU forward queued before had NaN/±∞ in its input (deferred check).</exception>
    public void CopyTo(Span<float> destination)
    {
        ThrowIfDisposed();
        if (destination.Length != Length)
        {
            throw new ArgumentException(
                $"Cannot copy tensor {ShapeText} ({Length} elements) into a span of {destination.Length} elements.", nameof(destination));
        }

        if (host is not null)
        {
            host.CopyTo(destination);
            return;
        }

        Device.ThrowIfDisposed();
        buffer!.View.CopyToCPU(Device.Gpu.Stream, destination);

        // Also reports the deferred NaN/±∞ checks of the forwards this data may come from.
        Device.Gpu.Synchronize();
    }

    /// <summary>Overwrites the elements with <paramref name="source"/> (row-major) and bumps <see cref="Version"/>.</summary>
    public void CopyFrom(ReadOnlySpan<float> source)
    {
        ThrowIfDisposed();
        if (source.Length != Length)
        {
            throw new ArgumentException(
                $"Cannot copy {source.Length} elements into tensor {ShapeText} ({Length} elements).", nameof(source));
        }

        if (host is not null)
        {
            source.CopyTo(host);
        }
        else
        {
            Device.ThrowIfDisposed();
            buffer!.View.CopyFromCPU(Device.Gpu.Stream, source);
        }

        MarkModified();
    }

    /// <summary>Sets every element to zero and bumps <see cref="Version"/>.</summary>
    public void Clear()
    {
        ThrowIfDisposed();
        if (host is not null)
        {
            Array.Clear(host);
        }
        else
        {
            Device.ThrowIfDisposed();
            buffer!.View.MemSetToZero(Device.Gpu.Stream);
        }

        MarkModified();
    }

    /// <summary>Records a modification made outside this API (bumps <see cref="Version"/>).</summary>
    public void MarkModified() => Version++;

    /// <summary>
    /// Gives the device memory back to the device's tensor cache, where the next tensor of the same length reuses it
    /// (nothing to free for CPU tensors).
    /// </summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (buffer is not null && !Device.IsDisposed)
        {
            Device.Gpu.ReturnTensorBuffer(buffer);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"Tensor {ShapeText} {DType} on {Device}";

    internal static string FormatShape(IReadOnlyList<int> dims) =>
        "[" + string.Join(", ", dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    private static int[] CheckShape(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
        {
            throw new ArgumentException($"A tensor shape needs at least one dimension, all positive; got {FormatShape(shape)}.", nameof(shape));
        }

        return (int[])shape.Clone();
    }

    private static int ElementCount(int[] dims)
    {
        long count = 1;
        foreach (int d in dims)
        {
            count *= d;
            if (count > Array.MaxLength)
            {
                throw new ArgumentException($"Tensor shape {FormatShape(dims)} has more than {Array.MaxLength} elements.", nameof(dims));
            }
        }

        return (int)count;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
