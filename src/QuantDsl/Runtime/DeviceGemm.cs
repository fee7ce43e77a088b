using System.ComponentModel;
using ILGPU;
using QuantDsl.Kernels.Gemm;

namespace QuantDsl.Runtime;

/// <summary>
/// The fp32 GEMMs of forward compensation and of every backward pass on an accelerator. A product whose output tiles
/// would leave most multiprocessors idle and whose K is long (the weight gradients: [out × in] summed over all tokens)
/// runs split along K, each slice into cached scratch, the slices then added in a fixed order, so results are
/// reproducible from run to run; other products run as one launch of the whole-K kernel.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class DeviceGemm
{
    /// <summary>
    /// <c>c.Store(r, n, Σ_k a(r, k)·b(k, n))</c> for the [<paramref name="m"/> × <paramref name="n"/>] result of depth
    /// <paramref name="k"/>; <paramref name="kernel"/> is the whole-K entry point (<see cref="Fp32Gemm.Kernel{TA, TB, TC}"/>
    /// for these operand types, named by the caller).
    /// </summary>
    public static void Multiply<TA, TB, TC>(GpuBackend gpu, Action<TA, TB, TC, int, int, int> kernel, TA a, TB b, TC c, int m, int n, int k)
        where TA : struct, IMatrixOperand
        where TB : struct, IMatrixOperand
        where TC : struct, IMatrixOutput
    {
        ArgumentNullException.ThrowIfNull(gpu);
        ArgumentNullException.ThrowIfNull(kernel);
        if (m <= 0 || n <= 0 || k <= 0)
        {
            throw new ArgumentException($"An fp32 GEMM of [{m} × {k}]·[{k} × {n}] has an empty dimension.");
        }

        int slices = Fp32Gemm.ChooseSlices(m, n, k, gpu.Accelerator.NumMultiprocessors);
        if (slices == 1)
        {
            gpu.Launch(kernel, Fp32Gemm.Config(m, n), a, b, c, m, n, k);
            return;
        }

        using var partials = gpu.RentScratch<float>((long)slices * m * n);
        ArrayView<float> partialView = partials.View.AsContiguous();
        gpu.Launch(Fp32Gemm.SliceKernel<TA, TB>, Fp32Gemm.SliceConfig(m, n, slices), a, b, partialView, m, n, k, Fp32Gemm.SliceDepth(k, slices));
        gpu.Launch(Fp32Gemm.SumSlices<TC>, Fp32Gemm.SumConfig(m, n), partialView, c, m, n, slices);
    }
}
