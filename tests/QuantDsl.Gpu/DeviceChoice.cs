namespace QuantDsl.Gpu;

/// <summary>The device named by <c>--device</c>.</summary>
public enum DeviceChoice
{
    /// <summary>CUDA device 0: the generated ILGPU kernels on the GPU.</summary>
    Cuda,

    /// <summary>ILGPU's CPU accelerator: the same GPU kernels, emulated on the CPU (slow).</summary>
    IlgpuCpu,

    /// <summary>The generated SIMD CPU fallbacks.</summary>
    Cpu,
}
