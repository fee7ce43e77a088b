using ILGPU;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Gpu;
using QuantDsl.Kernels.Simd;

namespace QuantDsl.Runtime;

/// <summary>
/// Per-output-channel absmax int8 weights (LLM.int8 §2.1: <c>cw[o] = max_i |W[o, i]|</c>), quantized once
/// per weight version and cached in the layer's workspace. Rows are output channels, K-contiguous and
/// zero-padded to the kernel's K multiple.
/// </summary>
public static class Int8Weights
{
    private const string Stamp = "weight.int8";

    /// <summary>The quantized weight on an accelerator: packed words [rows × words] and one absmax per row.</summary>
    public static (ArrayView<int> Codes, ArrayView<float> AbsMax) OnGpu(QuantContext context, Tensor weight, int rows, int cols, int words)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(weight);
        var gpu = context.Gpu;
        var codes = context.Workspace.Device<int>(gpu, "weight.codes", rows * words);
        var absMax = context.Workspace.Device<float>(gpu, "weight.absmax", rows);
        if (!context.Workspace.IsCurrent(Stamp, weight))
        {
            var nonFinite = context.ZeroedCounter("weight.nonfinite");
            gpu.Launch(QuantizeKernels.QuantizeRowsInt8, QuantizeKernels.RowConfig(rows), weight.View, codes, absMax, nonFinite, cols, words);
            context.ThrowIfNonFinite(context.ReadCounter(nonFinite), "weight", weight, "the weight was not quantized and nothing was computed.");
            context.Workspace.MarkCurrent(Stamp, weight);
        }

        return (codes, absMax);
    }

    /// <summary>The quantized weight on the CPU: codes [rows × stride] and one absmax per row.</summary>
    public static (sbyte[] Codes, float[] AbsMax) OnCpu(QuantContext context, Tensor weight, int rows, int cols, int stride)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(weight);
        var codes = context.Workspace.Host<sbyte>("weight.codes", rows * stride);
        var absMax = context.Workspace.Host<float>("weight.absmax", rows);
        if (!context.Workspace.IsCurrent(Stamp, weight))
        {
            int nonFinite = Int8RowsCpu.QuantizeRows(weight.HostData, rows, cols, [], codes, stride, absMax);
            context.ThrowIfNonFinite(nonFinite, "weight", weight, "the weight was not quantized and nothing was computed.");
            context.Workspace.MarkCurrent(Stamp, weight);
        }

        return (codes, absMax);
    }

    /// <summary>
    /// The quantized weight packed for the CPU GEMM micro-kernel (<see cref="Int8PackedWeights"/>) and one absmax per row,
    /// both rebuilt only when the weight's version changes.
    /// </summary>
    public static (Int8PackedWeights Packed, float[] AbsMax) PackedOnCpu(QuantContext context, Tensor weight, int rows, int cols, int stride)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (codes, absMax) = OnCpu(context, weight, rows, cols, stride);
        var packed = context.Workspace.Derived<Int8PackedWeights>("weight.int8.packed", weight, previous => Int8PackedWeights.Pack(codes, stride, rows, cols, previous));
        return (packed, absMax);
    }

    /// <summary>Row length, in int8 codes, padded to a multiple of <paramref name="multiple"/>.</summary>
    public static int PaddedLength(int cols, int multiple) => Int8Format.RoundUp(cols, multiple);
}
