using System.Reflection;
using QuantDsl.Kernels.Gemm;
using QuantDsl.Kernels.Gpu;
using QuantDsl.Tests.Kernels;

namespace QuantDsl.Tests.Training;

/// <summary>
/// Every training kernel compiles through ILGPU's PTX backend (no GPU needed): the CPU accelerator accepts IL the
/// PTX backend rejects (some Math intrinsics), so this catches that here rather than on the GPU machine.
/// </summary>
public sealed class TrainingKernelPtxTests
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
    }

    private static IEnumerable<MethodInfo> KernelMethods()
    {
        var types = new[] { typeof(EmbeddingKernels), typeof(LayerNormKernels), typeof(ElementwiseKernels), typeof(AttentionKernels), typeof(CrossEntropyKernels), typeof(OptimizerKernels), typeof(ReductionKernels) };
        foreach (var type in types)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(void)))
            {
                yield return method;
            }
        }

        var gemm = typeof(Fp32Gemm).GetMethod(nameof(Fp32Gemm.Kernel))!;
        yield return gemm.MakeGenericMethod(typeof(BatchedRowMajor), typeof(BatchedTransposed), typeof(BatchedStoreRowMajor));
        yield return gemm.MakeGenericMethod(typeof(BatchedRowMajor), typeof(BatchedRowMajor), typeof(BatchedStoreRowMajor));
        yield return gemm.MakeGenericMethod(typeof(BatchedTransposed), typeof(BatchedRowMajor), typeof(BatchedStoreRowMajor));
    }

    private static string Describe(MethodInfo method) =>
        method.DeclaringType!.Name + "." + method.Name + (method.IsGenericMethod ? "<" + string.Join(",", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty);
}
