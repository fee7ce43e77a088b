namespace QuantDsl;

/// <summary>Where a <see cref="Device"/> runs kernels.</summary>
public enum DeviceKind
{
    /// <summary>The generated SIMD CPU fallbacks (Vector512/Vector256), multi-threaded.</summary>
    Cpu,

    /// <summary>An NVIDIA GPU through ILGPU's CUDA backend: the generated ILGPU kernels.</summary>
    Cuda,

    /// <summary>
    /// ILGPU's CPU accelerator running the same generated ILGPU kernels as CUDA, warp size 32, for
    /// testing GPU code on machines without a GPU. Slow: use small shapes.
    /// </summary>
    IlgpuCpu,
}
