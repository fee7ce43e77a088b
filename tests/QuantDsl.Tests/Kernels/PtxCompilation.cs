using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// Compiles a kernel with ILGPU's PTX backend for sm_80 (what ILGPU 1.5.3 targets on the H100/H200) without a GPU.
/// ILGPU's CPU accelerator runs IL the PTX backend rejects (some Math intrinsics), so the PTX tests catch that in CI.
/// </summary>
internal static class PtxCompilation
{
    /// <summary>The PTX text of the explicitly grouped kernel <paramref name="kernel"/>.</summary>
    public static string Compile(MethodInfo kernel)
    {
        using var context = Context.Create(builder => builder.Optimize(OptimizationLevel.O2));
        using var backend = new PTXBackend(context, CudaArchitecture.SM_80, CudaInstructionSet.ISA_80, nvvmAPI: null!);
        var entry = EntryPointDescription.FromExplicitlyGroupedKernel(kernel);
        return ((PTXCompiledKernel)backend.Compile(entry, default(KernelSpecialization))).PTXAssembly;
    }
}
