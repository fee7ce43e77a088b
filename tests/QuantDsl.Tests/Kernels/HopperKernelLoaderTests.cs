using QuantDsl.Kernels.Gemm;
using QuantDsl.Runtime;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// What the sm_90a loader of the wgmma kernels relies on, checked without a GPU: the ILGPU internals it reflects on
/// exist, and the PTX of a Hopper tile gets exactly its target line rewritten.
/// </summary>
public sealed class HopperKernelLoaderTests
{
    [Fact]
    public void The_ilgpu_internals_the_loader_reflects_on_exist()
    {
        Assert.True(HopperKernelLoader.ReflectionTargetsFound);
    }

    [Fact]
    public void Hopper_tiles_are_marked_and_the_mma_sync_tiles_are_not()
    {
        Action<Int8MmaOperands, Int32StoreEpilogue> hopper = Int8MmaGemm.KernelWgmmaRows128Cols128;
        Action<Int8MmaOperands, Int32StoreEpilogue> ampere = Int8MmaGemm.KernelRows128Cols128;

        Assert.True(HopperKernelLoader.IsHopperKernel(hopper.Method));
        Assert.False(HopperKernelLoader.IsHopperKernel(ampere.Method));
    }

    [Fact]
    public void Retargeting_rewrites_only_the_target_line_of_a_wgmma_module()
    {
        Action<Int8MmaOperands, Int32StoreEpilogue> kernel = Int8MmaGemm.KernelWgmmaRows64Cols128;
        string ptx = PtxCompilation.Compile(kernel.Method);

        string retargeted = HopperKernelLoader.RetargetToSm90a(ptx);

        Assert.Contains(".target sm_80", ptx, StringComparison.Ordinal);
        Assert.Contains(".target sm_90a", retargeted, StringComparison.Ordinal);
        Assert.DoesNotContain(".target sm_80", retargeted, StringComparison.Ordinal);
        Assert.Equal(ptx.Replace(".target sm_80", ".target sm_90a", StringComparison.Ordinal), retargeted);
        Assert.Contains("wgmma.mma_async.sync.aligned.m64n128k32.s32.s8.s8", retargeted, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wide_tile_runs_m64n256_from_dynamic_shared_memory_and_dumps_its_accumulators_there()
    {
        Action<Int8MmaOperands, Int32StoreEpilogue> kernel = Int8MmaGemm.KernelWgmmaRows128Cols256;
        string ptx = PtxCompilation.Compile(kernel.Method);

        Assert.Contains("wgmma.mma_async.sync.aligned.m64n256k32.s32.s8.s8", ptx, StringComparison.Ordinal);
        Assert.Contains("__dyn_shared_alloca", ptx, StringComparison.Ordinal);
        Assert.Contains("st.shared.v4.b32", ptx, StringComparison.Ordinal);
        Assert.Equal(
            Int8MmaGemm.WideRingBytes,
            kernel.Method.GetCustomAttributes(typeof(HopperKernelAttribute), false).Cast<HopperKernelAttribute>().Single().DynamicSharedBytes);
    }

    [Fact]
    public void A_module_without_a_target_line_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HopperKernelLoader.RetargetToSm90a(".version 8.8\n"));
        Assert.Contains(".target", error.Message, StringComparison.Ordinal);
    }
}
