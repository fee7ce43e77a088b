using QuantDsl.Kernels.Epilogues;

namespace QuantDsl.Runtime;

/// <summary>
/// The weight's outlier columns for the CPU LLM.int8 epilogue, gathered into <c>[rows × t]</c> and cached in the layer's
/// workspace until the weight's version or the set of outlier columns changes (bitsandbytes keeps its outlier weight
/// slice between calls the same way). Gathering them reads t scattered elements of every weight row, so doing it per
/// call would cost as much as the rest of a one-token forward.
/// </summary>
public static class OutlierWeights
{
    /// <summary>The fp32 weight's columns <paramref name="outliers"/> (ascending), <c>[rows × t]</c>.</summary>
    /// <param name="context">The layer's context (its workspace holds the cache).</param>
    /// <param name="weight">The fp32 weight [rows × cols] on the CPU.</param>
    /// <param name="rows">Output channels.</param>
    /// <param name="cols">Input features.</param>
    /// <param name="outliers">Ascending outlier column indices.</param>
    /// <returns>The gathered columns; valid until the next call on this layer.</returns>
    public static float[] OnCpu(QuantContext context, Tensor weight, int rows, int cols, int[] outliers)
    {
        ArgumentNullException.ThrowIfNull(weight);
        return Entry(context, "weight.outliers.fp32", weight)
            .For(outliers, rows * outliers.Length, target => Int8OutlierEpilogueCpu.GatherColumns(weight.HostData, rows, cols, outliers, target));
    }

    /// <summary>The dequantized int8 weight's columns <paramref name="outliers"/> (the bitsandbytes variant), <c>[rows × t]</c>.</summary>
    /// <param name="context">The layer's context (its workspace holds the cache).</param>
    /// <param name="weight">The fp32 weight the codes were quantized from (its version keys the cache).</param>
    /// <param name="codes">The weight's int8 codes [rows × stride].</param>
    /// <param name="stride">Codes between rows.</param>
    /// <param name="absMax">Per-row absmax of the codes.</param>
    /// <param name="rows">Output channels.</param>
    /// <param name="outliers">Ascending outlier column indices.</param>
    /// <returns>The gathered columns; valid until the next call on this layer.</returns>
    public static float[] DequantizedOnCpu(QuantContext context, Tensor weight, sbyte[] codes, int stride, float[] absMax, int rows, int[] outliers)
    {
        return Entry(context, "weight.outliers.int8", weight)
            .For(outliers, rows * outliers.Length, target => Int8OutlierEpilogueCpu.GatherDequantizedColumns(codes, stride, absMax, rows, outliers, target));
    }

    private static GatheredOutlierColumns Entry(QuantContext context, string name, Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Workspace.Derived<GatheredOutlierColumns>(name, weight, previous =>
        {
            var entry = previous ?? new GatheredOutlierColumns();
            entry.Invalidate();
            return entry;
        });
    }
}
