namespace QuantDsl.Tests.Api;

/// <summary>How Device.Auto chooses, and how the environment variable forces it.</summary>
public sealed class DeviceSelectionTests
{
    [Fact]
    public void Environment_variable_forces_the_cpu_and_rejects_unknown_names()
    {
        string? saved = Environment.GetEnvironmentVariable(Device.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(Device.EnvironmentVariable, "cpu");
            Assert.Same(Device.Cpu(), Device.Auto());

            Environment.SetEnvironmentVariable(Device.EnvironmentVariable, "tpu");
            var error = Assert.Throws<ArgumentException>(() => Device.Auto());
            Assert.Contains("cpu, cuda or ilgpu-cpu", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Device.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void Auto_picks_cuda_exactly_when_it_is_available()
    {
        string? saved = Environment.GetEnvironmentVariable(Device.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(Device.EnvironmentVariable, null);
            using var device = Device.Auto();
            Assert.Equal(Device.IsCudaAvailable ? DeviceKind.Cuda : DeviceKind.Cpu, device.Kind);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Device.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void The_cpu_device_is_shared_and_survives_dispose()
    {
        var cpu = Device.Cpu();
        cpu.Dispose();

        Assert.False(cpu.IsDisposed);
        Assert.Same(cpu, Device.Cpu());
        Assert.Contains("cpu", cpu.Name, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => cpu.Gpu);
    }
}
