namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// Marks a kernel whose inline PTX uses Hopper-only instructions (<c>wgmma</c>). ILGPU 1.5.3 writes
/// <c>.target sm_80</c> into every PTX module, which the driver refuses for those instructions; the runtime's loader
/// (<c>QuantDsl.Runtime.GpuBackend</c>) compiles a marked kernel itself, retargets its PTX to <c>sm_90a</c> on a
/// compute-capability 9.0 device, and refuses it with a clear error on older GPUs. ILGPU's CPU accelerator runs the
/// kernel's managed twin as usual.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class HopperKernelAttribute : Attribute
{
    /// <summary>
    /// Dynamic shared memory the kernel's launches request, in bytes; above CUDA's 48 KB default the loader raises the
    /// function's limit to it (<c>cuFuncSetAttribute</c>). 0 (default): static shared memory only.
    /// </summary>
    public int DynamicSharedBytes { get; set; }
}
