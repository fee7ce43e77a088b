using System.Reflection;
using QuantDsl.Kernels.Gpu;
using QuantDsl.Tests.Layers;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// The [Int8Outliers] forward's kernels compile through ILGPU's PTX backend (no GPU needed): the library pieces it
/// launches directly (outlier marking, compaction, gather) and every entry point of the generated <c>Kernels</c> class
/// of each test layer policy (the tensor-core GEMM with its LLM.int8 epilogue among them). The CPU accelerator runs
/// IL the PTX backend may reject, so this catches that in CI rather than on the GPU machine.
/// </summary>
public sealed class Int8OutlierKernelPtxTests
{
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (var method in KernelMethods())
        {
            data.Add(Describe(method));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Kernel_compiles_to_ptx(string kernel)
    {
        var method = KernelMethods().Single(m => Describe(m) == kernel);
        string ptx = PtxCompilation.Compile(method);

        Assert.Contains(".entry", ptx, StringComparison.Ordinal);
        if (method.Name.StartsWith("QuantizeRowsInt8", StringComparison.Ordinal))
        {
            // Int8Format.Quantize's rounding survived compilation as an add and a subtract of 1.5·2²³ (nothing folded it
            // away: that would truncate instead of rounding to nearest even).
            Assert.Contains("0f4B400000", ptx, StringComparison.Ordinal);
        }

        if (method.Name.EndsWith("Gemv", StringComparison.Ordinal))
        {
            // The one-token GEMV multiplies with dp4a (four codes per instruction), not a managed byte loop.
            Assert.Contains("dp4a.s32.s32", ptx, StringComparison.Ordinal);
            Assert.DoesNotContain("mma.sync", ptx, StringComparison.Ordinal);
        }
        else if (method.Name.EndsWith("Skinny", StringComparison.Ordinal))
        {
            // The 2–16-token kernel multiplies on the tensor cores (weights as the mma's A operand), one store per output.
            Assert.Contains("mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32", ptx, StringComparison.Ordinal);
        }
        else if (method.Name.StartsWith("Int8Gemm", StringComparison.Ordinal))
        {
            // The main loop's inline PTX made it through, not only a shell around the epilogue: warpgroup MMA with its
            // async-proxy fence in the Hopper entry points, mma.sync in the others.
            if (method.Name.Contains("Hopper", StringComparison.Ordinal))
            {
                Assert.Contains("wgmma.mma_async.sync.aligned.m64n128k32.s32.s8.s8", ptx, StringComparison.Ordinal);
                Assert.Contains("fence.proxy.async.shared::cta", ptx, StringComparison.Ordinal);
                Assert.DoesNotContain("mma.sync", ptx, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("mma.sync", ptx, StringComparison.Ordinal);
            }

            // The epilogue writes adjacent outputs as one 8-byte store (OutputPair), not two scalar stores.
            Assert.Contains("st.global.v2.f32", ptx, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_test_layer_policy_contributes_its_generated_gemm_kernels()
    {
        var names = KernelMethods().Select(Describe).ToHashSet(StringComparer.Ordinal);

        foreach (var layer in new[] { typeof(OutlierLayer), typeof(BnbStyleLayer), typeof(VectorWiseLayer) })
        {
            Assert.Contains(layer.Name + ".Kernels.Int8Gemm", names);
            Assert.Contains(layer.Name + ".Kernels.Int8GemmSmall", names);
            Assert.Contains(layer.Name + ".Kernels.Int8GemmHopper", names);
            Assert.Contains(layer.Name + ".Kernels.Int8GemmHopperSmall", names);
            Assert.Contains(layer.Name + ".Kernels.Int8GemmGemv", names);
            Assert.Contains(layer.Name + ".Kernels.Int8GemmSkinny", names);
        }

        Assert.Contains(nameof(OutlierLayer) + ".Kernels.MarkOutlierColumns", names);
        Assert.Contains(nameof(OutlierLayer) + ".Kernels.MarkDecodeOutliers", names);
        Assert.DoesNotContain(nameof(VectorWiseLayer) + ".Kernels.MarkOutlierColumns", names);
        Assert.DoesNotContain(nameof(VectorWiseLayer) + ".Kernels.MarkDecodeOutliers", names);
    }

    private static IEnumerable<MethodInfo> KernelMethods()
    {
        yield return typeof(OutlierColumns).GetMethod(nameof(OutlierColumns.Compact))!;
        yield return typeof(OutlierColumns).GetMethod(nameof(OutlierColumns.MarkAndCompact))!;
        yield return typeof(OutlierGather).GetMethod(nameof(OutlierGather.GatherColumns))!;
        yield return typeof(OutlierGather).GetMethod(nameof(OutlierGather.GatherBoth))!;
        yield return typeof(OutlierGather).GetMethod(nameof(OutlierGather.GatherDequantizedInt8Columns))!;
        yield return typeof(QuantizeKernels).GetMethod(nameof(QuantizeKernels.QuantizeRowsInt8))!;
        yield return typeof(QuantizeKernels).GetMethod(nameof(QuantizeKernels.QuantizeRowsInt8ExcludingFlagged))!;
        yield return typeof(DecodeOutliers).GetMethod(nameof(DecodeOutliers.Code))!;

        // The generated entry points: the nested Kernels class is private, its kernels public static void.
        foreach (var layer in new[] { typeof(OutlierLayer), typeof(BnbStyleLayer), typeof(VectorWiseLayer) })
        {
            var kernels = layer.GetNestedType("Kernels", BindingFlags.NonPublic)!;
            foreach (var method in kernels.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(void)))
            {
                yield return method;
            }
        }
    }

    private static string Describe(MethodInfo method) =>
        (method.DeclaringType!.IsNested ? method.DeclaringType.DeclaringType!.Name + "." : string.Empty) + method.DeclaringType.Name + "." + method.Name;
}
