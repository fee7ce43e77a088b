using System.ComponentModel;
using ILGPU;
using QuantDsl.Kernels.Gpu;

namespace QuantDsl.Runtime;

/// <summary>
/// Column sums on an accelerator in two fixed-order passes (chunk partials, then their totals): the bias and norm
/// gradients of every layer. Generated backward passes call it; the scratch partials come from the device's buffer
/// cache, so a call allocates nothing in steady state and never waits for the GPU.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class DeviceReductions
{
    /// <summary><c>destination[c] += Σ_r source[r, c]</c> for <paramref name="source"/> [rows × cols].</summary>
    public static void AccumulateColumnSums(GpuBackend gpu, ArrayView<float> source, int rows, int cols, ArrayView<float> destination)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        int chunks = ReductionKernels.Chunks(rows);
        using var partials = gpu.RentScratch<float>((long)chunks * cols);
        gpu.Launch(ReductionKernels.ColumnChunkSums, ReductionKernels.ChunkConfig(rows, cols), source, rows, cols, partials.View.AsContiguous());
        gpu.Launch(ReductionKernels.AddChunkTotals, ReductionKernels.Config(cols), partials.View.AsContiguous(), chunks, cols, destination);
    }

    /// <summary>LayerNorm's <c>gain += Σ_r dy·x̂</c> and <c>shift += Σ_r dy</c> over [rows × n].</summary>
    internal static void AccumulateLayerNormGradients(
        GpuBackend gpu, ArrayView<float> dy, ArrayView<float> normalized, int rows, int n, ArrayView<float> gainGradient, ArrayView<float> shiftGradient)
    {
        int chunks = ReductionKernels.Chunks(rows);
        using var gainPartials = gpu.RentScratch<float>((long)chunks * n);
        using var shiftPartials = gpu.RentScratch<float>((long)chunks * n);
        gpu.Launch(
            LayerNormKernels.ParameterGradientChunks, ReductionKernels.ChunkConfig(rows, n), dy, normalized, gainPartials.View.AsContiguous(), shiftPartials.View.AsContiguous(), rows, n);
        gpu.Launch(ReductionKernels.AddChunkTotals, ReductionKernels.Config(n), gainPartials.View.AsContiguous(), chunks, n, gainGradient);
        gpu.Launch(ReductionKernels.AddChunkTotals, ReductionKernels.Config(n), shiftPartials.View.AsContiguous(), chunks, n, shiftGradient);
    }
}
