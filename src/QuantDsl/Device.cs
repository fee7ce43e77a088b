using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using QuantDsl.Runtime;

namespace QuantDsl;

/// <summary>
/// Where tensors live and kernels run: CUDA when present, otherwise the SIMD CPU path. Create one per
/// process and dispose it at the end; tensors and layers moved to it are valid until then.
/// </summary>
/// <example>
/// <code>
/// using var device = Device.Auto();   // CUDA if present, else the CPU SIMD path
/// var layer = new Proj(1024, 4096).To(device);
/// </code>
/// </example>
public sealed class Device : IDisposable
{
    /// <summary>The environment variable that forces <see cref="Auto"/>: <c>cpu</c>, <c>cuda</c> or <c>ilgpu-cpu</c>.</summary>
    public const string EnvironmentVariable = "QUANTDSL_DEVICE";

    private static readonly Device CpuDevice = new(DeviceKind.Cpu, DescribeCpu(), null);
    private readonly GpuBackend? gpu;
    private bool disposed;

    private Device(DeviceKind kind, string name, GpuBackend? gpu)
    {
        Kind = kind;
        Name = name;
        this.gpu = gpu;
    }

    /// <summary>What kind of device this is.</summary>
    public DeviceKind Kind { get; }

    /// <summary>A readable name, e.g. <c>cuda:0 (NVIDIA H100 80GB HBM3)</c> or <c>cpu (AVX-512, 2 threads)</c>.</summary>
    public string Name { get; }

    /// <summary>True when kernels run through ILGPU (CUDA or the ILGPU CPU accelerator).</summary>
    public bool IsAccelerator => Kind != DeviceKind.Cpu;

    /// <summary>True once <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => disposed;

    /// <summary>The ILGPU backend of an accelerator device (for generated code).</summary>
    /// <exception cref="InvalidOperationException">This is the CPU device.</exception>
    public GpuBackend Gpu
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return gpu ?? throw new InvalidOperationException($"{Name} is the SIMD CPU device; it has no ILGPU backend.");
        }
    }

    /// <summary>True when ILGPU finds at least one CUDA device.</summary>
    public static bool IsCudaAvailable
    {
        get
        {
            try
            {
                using var context = Context.Create(builder => builder.Cuda());
                return context.GetCudaDevices().Count > 0;
            }
            catch (Exception error) when (error is DllNotFoundException or TypeInitializationException or InvalidOperationException or NotSupportedException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// CUDA when a CUDA device is present, otherwise the SIMD CPU path. The environment variable
    /// <c>QUANTDSL_DEVICE</c> (<c>cpu</c>, <c>cuda</c>, <c>ilgpu-cpu</c>) forces a choice.
    /// </summary>
    public static Device Auto()
    {
        string? forced = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(forced))
        {
            return forced.Trim().ToUpperInvariant() switch
            {
                "CPU" => Cpu(),
                "CUDA" => Cuda(),
                "ILGPU-CPU" => IlgpuCpu(),
                _ => throw new ArgumentException(
                    $"{EnvironmentVariable}='{forced}' is not a device: use cpu, cuda or ilgpu-cpu, or unset it for automatic choice."),
            };
        }

        return IsCudaAvailable ? Cuda() : Cpu();
    }

    /// <summary>The SIMD CPU device (one shared instance; disposing it does nothing).</summary>
    public static Device Cpu() => CpuDevice;

    /// <summary>CUDA device <paramref name="ordinal"/>.</summary>
    /// <exception cref="InvalidOperationException">No such CUDA device.</exception>
    public static Device Cuda(int ordinal = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        Context? context = null;
        try
        {
            context = Context.Create(builder => builder.Cuda().Optimize(OptimizationLevel.O2));
            var devices = context.GetCudaDevices();
            if (ordinal >= devices.Count)
            {
                throw new InvalidOperationException(
                    $"CUDA device {ordinal} was asked for but ILGPU found {devices.Count} CUDA device(s). " +
                    "Use Device.Auto() to fall back to the CPU, or check the NVIDIA driver.");
            }

            var accelerator = devices[ordinal].CreateAccelerator(context);
            var backend = new GpuBackend(context, accelerator, $"cuda:{ordinal} ({accelerator.Name})");
            context = null; // owned by the backend now
            return new Device(DeviceKind.Cuda, backend.DeviceName, backend);
        }
        catch (Exception error) when (error is DllNotFoundException or TypeInitializationException)
        {
            throw new InvalidOperationException(
                "CUDA is not available on this machine (the CUDA driver library could not be loaded). " +
                "Use Device.Auto() or Device.Cpu().",
                error);
        }
        finally
        {
            context?.Dispose();
        }
    }

    /// <summary>
    /// ILGPU's CPU accelerator (simulating an NVIDIA-like device with warp size 32): runs the generated
    /// GPU kernels on the CPU, for tests. Slow; keep shapes small.
    /// </summary>
    public static Device IlgpuCpu()
    {
        var context = Context.Create(builder => builder.CPU(CPUDevice.Nvidia).Optimize(OptimizationLevel.O1));
        try
        {
            var accelerator = context.GetCPUDevice(0).CreateAccelerator(context);
            var backend = new GpuBackend(context, accelerator, "ilgpu-cpu (ILGPU CPU accelerator, warp 32)");
            return new Device(DeviceKind.IlgpuCpu, backend.DeviceName, backend);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Waits for all queued work on this device.</summary>
    public void Synchronize()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        gpu?.Synchronize();
    }

    /// <summary>Releases the accelerator and its context (no-op for the CPU device).</summary>
    public void Dispose()
    {
        if (Kind == DeviceKind.Cpu || disposed)
        {
            return;
        }

        disposed = true;
        gpu?.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    private static string DescribeCpu()
    {
        string isa = Vector512.IsHardwareAccelerated ? "AVX-512"
            : Avx2.IsSupported ? "AVX2"
            : Vector256.IsHardwareAccelerated ? "256-bit SIMD"
            : Vector128.IsHardwareAccelerated ? "128-bit SIMD"
            : "scalar";
        return $"cpu ({isa}, {Environment.ProcessorCount} threads)";
    }
}
