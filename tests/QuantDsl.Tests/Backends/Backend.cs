namespace QuantDsl.Tests.Backends;

/// <summary>A backend the tests can run on this machine (CUDA is the GPU harness's job).</summary>
public enum Backend
{
    /// <summary>Generated SIMD CPU fallbacks.</summary>
    Simd,

    /// <summary>Generated ILGPU kernels on ILGPU's CPU accelerator.</summary>
    IlgpuCpu,
}
