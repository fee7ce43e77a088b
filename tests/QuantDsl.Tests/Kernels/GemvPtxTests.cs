using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using QuantDsl.Kernels.Gemv;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// The decode GEMVs compile through ILGPU's PTX backend (no GPU needed), and their weight loads come out as 128-bit
/// vector loads: the bandwidth design rests on that, and ILGPU only vectorizes loads it can prove aligned.
/// </summary>
public sealed partial class GemvPtxTests
{
    public static TheoryData<string> Kernels() => new() { nameof(Int8Gemv), nameof(Fp4Gemv) };

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Kernel_compiles_to_ptx_with_128_bit_weight_loads(string kernel)
    {
        string ptx = Compile(kernel);

        Assert.Contains(".entry", ptx, StringComparison.Ordinal);
        Assert.Matches(GlobalVectorLoad(), ptx);
        Assert.Contains("bar.sync", ptx, StringComparison.Ordinal);
        Assert.Contains("shfl.sync.bfly", ptx, StringComparison.Ordinal);
    }

    private static string Compile(string kernel)
    {
        var type = kernel == nameof(Int8Gemv) ? typeof(Int8Gemv) : typeof(Fp4Gemv);
        var method = type.GetMethod(nameof(Int8Gemv.Kernel), BindingFlags.Public | BindingFlags.Static)!;
        using var context = Context.Create(builder => builder.Optimize(OptimizationLevel.O2));
        using var backend = new PTXBackend(context, CudaArchitecture.SM_80, CudaInstructionSet.ISA_80, nvvmAPI: null!);
        var entry = EntryPointDescription.FromExplicitlyGroupedKernel(method);
        var compiled = (PTXCompiledKernel)backend.Compile(entry, default(KernelSpecialization));
        File.WriteAllText(Path.Combine(Path.GetTempPath(), kernel + ".ptx"), compiled.PTXAssembly);
        return compiled.PTXAssembly;
    }

    [GeneratedRegex(@"ld\.global(\.nc)?\.v4\.(u32|b32|s32)")]
    private static partial Regex GlobalVectorLoad();
}
