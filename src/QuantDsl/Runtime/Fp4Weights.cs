using ILGPU;
using QuantDsl.Kernels.Gpu;
using QuantDsl.Kernels.Simd;

namespace QuantDsl.Runtime;

/// <summary>
/// Per-output-channel FP4 (E2M1) weights of an [Fp4Train] layer (ALGORITHMS.md §1.2: <c>γ[o] = 6/absmax(W[o, :])</c>,
/// doubled codes <c>2·ladder(W·γ)</c>), and the fp32 views of the weight the backward and compensation products
/// read. Each is derived once per weight version and cached in the layer's workspace.
/// </summary>
public static class Fp4Weights
{
    /// <summary>The quantized weight on the CPU: doubled codes [rows × stride] and one γ per row.</summary>
    public static (sbyte[] Codes, float[] Gamma) OnCpu(QuantContext context, Tensor weight, int rows, int cols, int stride, bool powerOfTwoScale)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(weight);
        var codes = context.Workspace.Host<sbyte>("weight.fp4.codes", rows * stride);
        var gamma = context.Workspace.Host<float>("weight.fp4.gamma", rows);
        if (!context.Workspace.IsCurrent("weight.fp4", weight))
        {
            int nonFinite = Fp4RowsCpu.QuantizeRows(weight.HostData, rows, cols, 0, powerOfTwoScale, codes, stride, gamma, null);
            context.ThrowIfNonFinite(nonFinite, "weight", weight, "the weight was not quantized and nothing was computed.");
            context.Workspace.MarkCurrent("weight.fp4", weight);
        }

        return (codes, gamma);
    }

    /// <summary>
    /// The doubled codes packed for the CPU GEMM micro-kernel (<see cref="Int8PackedWeights"/>) and one γ per row, both
    /// rebuilt only when the weight's version changes.
    /// </summary>
    public static (Int8PackedWeights Packed, float[] Gamma) PackedOnCpu(QuantContext context, Tensor weight, int rows, int cols, int stride, bool powerOfTwoScale)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (codes, gamma) = OnCpu(context, weight, rows, cols, stride, powerOfTwoScale);
        var packed = context.Workspace.Derived<Int8PackedWeights>("weight.fp4.packed", weight, previous => Int8PackedWeights.Pack(codes, stride, rows, cols, previous));
        return (packed, gamma);
    }

    /// <summary>The dequantized FP4 weight <c>Q(W)</c> [rows × cols] (the operand of dX = dY·Q(W)).</summary>
    public static float[] DequantizedOnCpu(QuantContext context, Tensor weight, int rows, int cols, int stride, bool powerOfTwoScale)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (codes, gamma) = OnCpu(context, weight, rows, cols, stride, powerOfTwoScale);
        var dequantized = context.Workspace.Host<float>("weight.fp4.dequantized", rows * cols);
        if (!context.Workspace.IsCurrent("weight.fp4.dequantized", weight))
        {
            Fp4RowsCpu.Dequantize(codes, stride, gamma, rows, cols, dequantized);
            context.Workspace.MarkCurrent("weight.fp4.dequantized", weight);
        }

        return dequantized;
    }

    /// <summary>
    /// The weight transposed to [cols × rows], fp32 or dequantized FP4 (<paramref name="quantized"/>): the operand of the
    /// compensation term, read one input feature (row) at a time.
    /// </summary>
    public static float[] TransposedOnCpu(QuantContext context, Tensor weight, int rows, int cols, int stride, bool powerOfTwoScale, bool quantized)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(weight);
        var transposed = context.Workspace.Host<float>("weight.transposed", rows * cols);
        if (!context.Workspace.IsCurrent("weight.transposed", weight))
        {
            var source = quantized ? DequantizedOnCpu(context, weight, rows, cols, stride, powerOfTwoScale) : weight.HostData;
            Fp4RowsCpu.Transpose(source, rows, cols, transposed);
            context.Workspace.MarkCurrent("weight.transposed", weight);
        }

        return transposed;
    }

    /// <summary>The quantized weight on an accelerator: packed doubled codes [rows × words] and one γ per row.</summary>
    public static (ArrayView<int> Codes, ArrayView<float> Gamma) OnGpu(QuantContext context, Tensor weight, int rows, int cols, int words, bool powerOfTwoScale)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(weight);
        var gpu = context.Gpu;
        var codes = context.Workspace.Device<int>(gpu, "weight.fp4.codes", rows * words);
        var gamma = context.Workspace.Device<float>(gpu, "weight.fp4.gamma", rows);
        if (!context.Workspace.IsCurrent("weight.fp4", weight))
        {
            var nonFinite = context.ZeroedCounter("weight.nonfinite");
            gpu.Launch(Fp4Kernels.QuantizeRows, Fp4Kernels.RowConfig(rows), weight.View, cols, words, -1, -1, powerOfTwoScale ? 1 : 0, codes, gamma, default(ArrayView<float>), nonFinite);
            context.ThrowIfNonFinite(context.ReadCounter(nonFinite), "weight", weight, "the weight was not quantized and nothing was computed.");
            context.Workspace.MarkCurrent("weight.fp4", weight);
        }

        return (codes, gamma);
    }

    /// <summary>The dequantized FP4 weight <c>Q(W)</c> [rows × cols] on an accelerator.</summary>
    public static ArrayView<float> DequantizedOnGpu(QuantContext context, Tensor weight, int rows, int cols, int words, bool powerOfTwoScale)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (codes, gamma) = OnGpu(context, weight, rows, cols, words, powerOfTwoScale);
        var dequantized = context.Workspace.Device<float>(context.Gpu, "weight.fp4.dequantized", rows * cols);
        if (!context.Workspace.IsCurrent("weight.fp4.dequantized", weight))
        {
            context.Gpu.Launch(Fp4Kernels.DequantizeRows, Fp4Kernels.ElementConfig((long)rows * cols), codes, words, gamma, rows, cols, dequantized);
            context.Workspace.MarkCurrent("weight.fp4.dequantized", weight);
        }

        return dequantized;
    }

    /// <summary>
    /// The weight transposed to [cols × rows] on an accelerator, fp32 or dequantized FP4 (<paramref name="quantized"/>):
    /// the operand of the sparse compensation term, read one input feature (row) at a time, coalesced over outputs.
    /// </summary>
    public static ArrayView<float> TransposedOnGpu(QuantContext context, Tensor weight, int rows, int cols, int words, bool powerOfTwoScale, bool quantized)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(weight);
        var transposed = context.Workspace.Device<float>(context.Gpu, "weight.transposed.gpu", rows * cols);
        if (!context.Workspace.IsCurrent("weight.transposed.gpu", weight))
        {
            var source = quantized ? DequantizedOnGpu(context, weight, rows, cols, words, powerOfTwoScale) : weight.View;
            context.Gpu.Launch(Fp4Kernels.Transpose, Fp4Kernels.ElementConfig((long)rows * cols), source, rows, cols, transposed);
            context.Workspace.MarkCurrent("weight.transposed.gpu", weight);
        }

        return transposed;
    }
}
