namespace QuantDsl.Tests.Backends;

/// <summary>
/// One ILGPU CPU accelerator for the whole test run: creating it and compiling kernels is the slow part,
/// so every test reuses it (and the kernels each layer type loaded on it).
/// </summary>
public sealed class DeviceFixture : IDisposable
{
    private readonly Lazy<Device> ilgpuCpu = new(Device.IlgpuCpu, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The device of <paramref name="backend"/>.</summary>
    public Device Get(Backend backend) => backend switch
    {
        Backend.Simd => Device.Cpu(),
        Backend.IlgpuCpu => ilgpuCpu.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, null),
    };

    /// <inheritdoc/>
    public void Dispose()
    {
        if (ilgpuCpu.IsValueCreated)
        {
            ilgpuCpu.Value.Dispose();
        }
    }
}
