using ILGPU;
using ILGPU.Runtime;
using QuantDsl.Oracle;
using QuantDsl.Runtime;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// One weight-only decode product on a device, for the GEMV kernels' tests: random activations, scales and (optional)
/// bias, the packed weights in device buffers, the scalar oracle's result, and the check of the device output against
/// it within the float32 summation bound.
/// </summary>
internal sealed class GemvCase : IDisposable
{
    private readonly MemoryBuffer1D<float, Stride1D.Dense> x;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> weights;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> scales;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> bias;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> y;
    private readonly double[] expected;
    private readonly double[] magnitude;
    private readonly int inFeatures;

    /// <summary>Builds the case; <paramref name="weight"/>(o, k) is the real value of each packed code.</summary>
    public GemvCase(GpuBackend gpu, int tokens, int inFeatures, int outFeatures, bool withBias, int[] packed, Func<int, int, double> weight, int xSeed)
    {
        var xs = Inputs.Normal(tokens * inFeatures, seed: xSeed);
        var scaleValues = Inputs.Normal(outFeatures, seed: 7).Select(s => 0.01f + (Math.Abs(s) * 0.02f)).ToArray();
        var biasValues = withBias ? Inputs.Normal(outFeatures, seed: 8) : null;
        expected = GemvReference.Product(xs, tokens, inFeatures, outFeatures, weight, scaleValues, biasValues, out magnitude);
        this.inFeatures = inFeatures;

        x = gpu.Allocate<float>(xs.Length);
        weights = gpu.Allocate<int>(packed.Length);
        scales = gpu.Allocate<float>(outFeatures);
        bias = gpu.Allocate<float>(outFeatures);
        y = gpu.Allocate<float>(tokens * outFeatures);
        x.View.CopyFromCPU(gpu.Stream, xs);
        weights.View.CopyFromCPU(gpu.Stream, packed);
        scales.View.CopyFromCPU(gpu.Stream, scaleValues);
        bias.View.CopyFromCPU(gpu.Stream, biasValues ?? new float[outFeatures]);
    }

    /// <summary>Activations [tokens × inFeatures].</summary>
    public ArrayView<float> X => x.View.AsContiguous();

    /// <summary>Packed weights.</summary>
    public ArrayView<int> Weights => weights.View.AsContiguous();

    /// <summary>Device address of the packed weights (what inline-PTX copies take).</summary>
    public long WeightsAddress => Weights.LoadEffectiveAddressAsPtr().ToInt64();

    /// <summary>Per-channel scales.</summary>
    public ArrayView<float> Scales => scales.View.AsContiguous();

    /// <summary>Per-channel bias (zeros without one).</summary>
    public ArrayView<float> Bias => bias.View.AsContiguous();

    /// <summary>Output [tokens × outFeatures].</summary>
    public ArrayView<float> Y => y.View.AsContiguous();

    /// <summary>
    /// Asserts the output within the float32 bound of inFeatures + <paramref name="roundingsPerTerm"/> terms (1 for the
    /// scale's rounding; the TF32 split adds 4).
    /// </summary>
    public void AssertMatchesOracle(int roundingsPerTerm)
    {
        var report = Tolerance.Check(y.GetAsArray1D(), expected, i => Tolerance.Fp32Sum(inFeatures + roundingsPerTerm, magnitude[i]));
        Assert.True(report.Passed, report.ToString());
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        x.Dispose();
        weights.Dispose();
        scales.Dispose();
        bias.Dispose();
        y.Dispose();
    }
}
