using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using QuantDsl.Kernels.Gemm;

namespace QuantDsl.Runtime;

/// <summary>
/// Loads kernels marked <see cref="HopperKernelAttribute"/> on CUDA: ILGPU 1.5.3 writes <c>.target sm_80</c> into every
/// PTX module, and the driver refuses <c>wgmma</c> there, so the kernel is compiled here, its target line rewritten to
/// <c>sm_90a</c>, and the PTX loaded as a new compiled kernel (whose constructor and entry point are internal in 1.5.3:
/// reflection, checked once with a clear error if a later ILGPU changes them).
/// </summary>
internal static partial class HopperKernelLoader
{
    private static readonly ConstructorInfo? CompiledKernelConstructor = typeof(PTXCompiledKernel).GetConstructor(
        BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public,
        [typeof(Context), typeof(EntryPoint), typeof(KernelInfo), typeof(string)]);

    private static readonly PropertyInfo? EntryPointProperty = typeof(CompiledKernel).GetProperty(
        "EntryPoint", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);

    /// <summary>Environment variable naming a folder: each retargeted module is also written there as METHOD.ptx (to read it, or feed it to ptxas).</summary>
    public const string PtxDumpVariable = "QUANTDSL_PTX_DUMP";

    /// <summary>Whether <paramref name="method"/> needs this loader.</summary>
    public static bool IsHopperKernel(MethodInfo method) => method.IsDefined(typeof(HopperKernelAttribute), inherit: false);

    /// <summary>Compiles <paramref name="method"/> (an explicitly grouped kernel), retargets it to sm_90a and loads it.</summary>
    /// <typeparam name="TLoaded">The launcher delegate: <c>Action&lt;AcceleratorStream, KernelConfig, …&gt;</c>.</typeparam>
    /// <param name="accelerator">The CUDA accelerator; must be compute capability 9.0.</param>
    /// <param name="method">The kernel.</param>
    public static TLoaded Load<TLoaded>(CudaAccelerator accelerator, MethodInfo method)
        where TLoaded : Delegate
    {
        if (accelerator.Architecture != CudaArchitecture.SM_90)
        {
            throw new NotSupportedException(
                $"{method.DeclaringType?.Name}.{method.Name} uses Hopper's wgmma instructions and runs only on a compute-capability 9.0 " +
                $"GPU (H100, H200); {accelerator.Name} is {accelerator.Architecture}. Use the mma.sync tiles (Int8MmaTile.Rows128Cols128, " +
                "Rows64Cols128) on this device.");
        }

        if (CompiledKernelConstructor is null || EntryPointProperty is null)
        {
            throw new NotSupportedException(
                "This ILGPU version does not expose PTXCompiledKernel(Context, EntryPoint, KernelInfo, string) and CompiledKernel.EntryPoint " +
                "as ILGPU 1.5.3 does; the sm_90a retargeting of wgmma kernels needs them.");
        }

        var description = EntryPointDescription.FromExplicitlyGroupedKernel(method);
        var compiled = (PTXCompiledKernel)accelerator.Backend.Compile(description, default);
        string ptx = RetargetToSm90a(compiled.PTXAssembly);
        if (Environment.GetEnvironmentVariable(PtxDumpVariable) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"{method.Name}.ptx"), ptx);
        }

        var entryPoint = EntryPointProperty.GetValue(compiled)!;
        var retargeted = (PTXCompiledKernel)CompiledKernelConstructor.Invoke([compiled.Context, entryPoint, compiled.Info, ptx]);
        try
        {
            var kernel = accelerator.LoadKernel(retargeted);
            int dynamicShared = method.GetCustomAttribute<HopperKernelAttribute>()?.DynamicSharedBytes ?? 0;
            if (dynamicShared > DefaultDynamicSharedLimit)
            {
                RaiseDynamicSharedLimit(((CudaKernel)kernel).FunctionPtr, dynamicShared, method);
            }

            return kernel.CreateLauncherDelegate<TLoaded>();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new NotSupportedException(
                $"The driver did not load the sm_90a (wgmma) PTX of {method.DeclaringType?.Name}.{method.Name} on {accelerator.Name}: {error.Message} " +
                $"Set GpuBackend.UseWarpgroupMma = false to run the mma.sync tiles instead; {PtxDumpVariable}=DIR writes the PTX for ptxas.",
                error);
        }
    }

    // CUDA launches may use 48 KB of dynamic shared memory unless the function's limit is raised.
    private const int DefaultDynamicSharedLimit = 48 * 1024;

    // CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES of the driver API.
    private const int MaxDynamicSharedSizeAttribute = 8;

    private static unsafe void RaiseDynamicSharedLimit(IntPtr function, int bytes, MethodInfo method)
    {
        string library = OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1";
        if (!NativeLibrary.TryLoad(library, out var handle) || !NativeLibrary.TryGetExport(handle, "cuFuncSetAttribute", out var export))
        {
            throw new NotSupportedException($"{method.Name} needs {bytes} bytes of dynamic shared memory, and {library} (cuFuncSetAttribute) was not found to allow it.");
        }

        int status = ((delegate* unmanaged<IntPtr, int, int, int>)export)(function, MaxDynamicSharedSizeAttribute, bytes);
        if (status != 0)
        {
            throw new NotSupportedException($"cuFuncSetAttribute(MAX_DYNAMIC_SHARED_SIZE_BYTES, {bytes}) failed with CUDA error {status} for {method.Name}.");
        }
    }

    /// <summary>Whether this ILGPU exposes the internal constructor and property the loader needs (tested in CI).</summary>
    internal static bool ReflectionTargetsFound => CompiledKernelConstructor is not null && EntryPointProperty is not null;

    /// <summary>The PTX module with its one <c>.target</c> line set to <c>sm_90a</c>.</summary>
    /// <param name="ptx">ILGPU's PTX (it writes <c>.target sm_80</c>).</param>
    /// <exception cref="InvalidOperationException">The module has no <c>.target</c> line.</exception>
    internal static string RetargetToSm90a(string ptx)
    {
        if (!TargetLine().IsMatch(ptx))
        {
            throw new InvalidOperationException("The PTX module has no .target line to retarget to sm_90a.");
        }

        return TargetLine().Replace(ptx, ".target sm_90a", 1);
    }

    [GeneratedRegex(@"\.target\s+sm_\w+")]
    private static partial Regex TargetLine();
}
