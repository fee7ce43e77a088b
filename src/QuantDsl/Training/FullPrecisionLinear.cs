using QuantDsl.Kernels.Gemm;
using QuantDsl.Kernels.Gpu;
using QuantDsl.Kernels.Simd;
using QuantDsl.Runtime;

namespace QuantDsl.Training;

/// <summary>
/// The full-precision (fp32) linear layer: the baseline every quantization policy is compared with.
/// <c>Y = X·Wᵀ + b</c>, <c>dX = dY·W</c>, <c>dW += dYᵀ·X</c>, <c>db += Σ_t dY</c>, on the blocked CPU GEMM or
/// the tiled ILGPU fp32 GEMM.
/// </summary>
public sealed class FullPrecisionLinear : QuantLinear
{
    /// <summary>Creates the layer on the CPU with U(−1/√in, 1/√in) initialization from <paramref name="seed"/>.</summary>
    /// <param name="inFeatures">Input features.</param>
    /// <param name="outFeatures">Output features.</param>
    /// <param name="bias">Whether the layer adds a learned bias.</param>
    /// <param name="seed">Seed of the deterministic initialization.</param>
    public FullPrecisionLinear(int inFeatures, int outFeatures, bool bias = true, int seed = 0)
        : base(inFeatures, outFeatures, bias, seed)
    {
    }

    /// <inheritdoc/>
    public override string Policy => "fp32 (no quantization)";

    /// <inheritdoc/>
    protected override void ForwardCore(QuantContext context, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int tokens = x.Shape[0];
        context.ThrowIfNonFinite(context.CountNonFinite(x), "input x", x, "no output was produced.");
        if (context.Device.IsAccelerator)
        {
            var gpu = context.Gpu;
            DeviceGemm.Multiply(
                gpu,
                Fp32Gemm.Kernel,
                new RowMajor(x.View, InFeatures),
                new Transposed(Weight.Value.View, InFeatures),
                new StoreRowMajor(y.View, OutFeatures),
                tokens,
                OutFeatures,
                InFeatures);
            if (Bias is not null)
            {
                gpu.Launch(ReductionKernels.AddRowVector, ReductionKernels.Config(tokens * OutFeatures), y.View, Bias.Value.View, tokens, OutFeatures);
            }

            return;
        }

        Fp32GemmCpu.Multiply(x.HostData, 0, InFeatures, false, Weight.Value.HostData, 0, InFeatures, true, y.HostData, 0, OutFeatures, tokens, OutFeatures, InFeatures, accumulate: false);
        if (Bias is not null)
        {
            var bias = Bias.Value.HostData;
            for (int t = 0; t < tokens; t++)
            {
                Fp32Simd.Axpy(1f, bias, y.HostData.AsSpan(t * OutFeatures, OutFeatures));
            }
        }
    }

    /// <inheritdoc/>
    protected override void BackwardCore(QuantContext context, Tensor dy, Tensor dx)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(dx);
        var x = SavedInput;
        int tokens = x.Shape[0];
        if (context.Device.IsAccelerator)
        {
            var gpu = context.Gpu;
            DeviceGemm.Multiply(
                gpu,
                Fp32Gemm.Kernel,
                new RowMajor(dy.View, OutFeatures),
                new RowMajor(Weight.Value.View, InFeatures),
                new StoreRowMajor(dx.View, InFeatures),
                tokens,
                InFeatures,
                OutFeatures);
            if (Weight.RequiresGrad)
            {
                DeviceGemm.Multiply(
                    gpu,
                    Fp32Gemm.Kernel,
                    new Transposed(dy.View, OutFeatures),
                    new RowMajor(x.View, InFeatures),
                    new AccumulateRowMajor(Weight.Grad!.View, InFeatures),
                    OutFeatures,
                    InFeatures,
                    tokens);
            }

            if (Bias is { RequiresGrad: true } gpuBias)
            {
                DeviceReductions.AccumulateColumnSums(gpu, dy.View, tokens, OutFeatures, gpuBias.Grad!.View);
            }

            return;
        }

        Fp32GemmCpu.Multiply(dy.HostData, 0, OutFeatures, false, Weight.Value.HostData, 0, InFeatures, false, dx.HostData, 0, InFeatures, tokens, InFeatures, OutFeatures, accumulate: false);
        if (Weight.RequiresGrad)
        {
            Fp32GemmCpu.Multiply(dy.HostData, 0, OutFeatures, true, x.HostData, 0, InFeatures, false, Weight.Grad!.HostData, 0, InFeatures, OutFeatures, InFeatures, tokens, accumulate: true);
        }

        if (Bias is { RequiresGrad: true } bias)
        {
            LinearBackwardCpu.AccumulateBiasGradient(dy.HostData, bias.Grad!.HostData, tokens, OutFeatures);
        }
    }
}
