using System.Reflection;

namespace QuantDsl;

/// <summary>A kernel could not be compiled or loaded for a device (for example a PTX JIT failure).</summary>
public sealed class KernelLoadException : Exception
{
    /// <summary>Creates the exception for <paramref name="kernel"/> on <paramref name="deviceName"/>.</summary>
    public KernelLoadException(MethodInfo kernel, string deviceName, Exception inner)
        : base(
            $"Could not compile or load kernel {Describe(kernel)} on {deviceName}: {inner?.Message} " +
            "The device was left usable; other layers' kernels are unaffected.",
            inner)
    {
        KernelName = Describe(kernel);
    }

    /// <summary>The kernel's declaring type and method name.</summary>
    public string KernelName { get; }

    private static string Describe(MethodInfo kernel) =>
        kernel is null ? "(unknown)" : $"{kernel.DeclaringType?.FullName}.{kernel.Name}";
}
