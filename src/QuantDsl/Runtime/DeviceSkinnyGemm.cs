using System.ComponentModel;
using ILGPU;
using QuantDsl.Kernels.Gemv;

namespace QuantDsl.Runtime;

/// <summary>
/// The tensor-core decode GEMM for 1–16 tokens with int8 or FP4 weights on an accelerator: the activation split
/// (<see cref="SkinnyActivations"/>), <see cref="SkinnyMmaGemm{TWeights}"/> with the K split its shape picks for this
/// accelerator's SM count, and, when K was split, the fixed-order sum of the partials (<see cref="SkinnyFinish"/>), so
/// the result is the same from run to run. Scratch comes from the backend's pool.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class DeviceSkinnyGemm
{
    /// <summary><c>y[t, o] = scale[o]·Σ_k x[t, k]·W[o, k] + bias[o]</c> (see the type summary).</summary>
    /// <typeparam name="TWeights"><see cref="Int8SkinnyWeights"/> or <see cref="Fp4SkinnyWeights"/>.</typeparam>
    /// <param name="gpu">The accelerator.</param>
    /// <param name="x">Activations [tokens × inFeatures].</param>
    /// <param name="weights">Packed weights [outFeatures × words] (int8: the GEMM operand packing; FP4: <see cref="Fp4WeightPacking"/>, GPU rows).</param>
    /// <param name="scales">Per-output-channel scale [outFeatures].</param>
    /// <param name="bias">Per-output-channel bias [outFeatures], or null.</param>
    /// <param name="y">Output [tokens × outFeatures].</param>
    /// <param name="tokens">1 to 16.</param>
    /// <param name="inFeatures">K.</param>
    /// <param name="outFeatures">Output channels.</param>
    /// <param name="words">Words per weight row: a multiple of 4 covering K.</param>
    /// <param name="splits">A K split over the grid to force (tests); when null the shape chooses one for this accelerator's SM count.</param>
    /// <exception cref="ArgumentException">A view is shorter than its shape, or the rows do not cover K.</exception>
    public static void Multiply<TWeights>(
        GpuBackend gpu, ArrayView<float> x, ArrayView<int> weights, ArrayView<float> scales, ArrayView<float>? bias, ArrayView<float> y,
        int tokens, int inFeatures, int outFeatures, int words, int? splits = null)
        where TWeights : struct, ISkinnyWeights
    {
        ArgumentNullException.ThrowIfNull(gpu);
        int codes = default(TWeights).CodesPerVector;
        DecodeShapes.Require(codes, x, weights, scales, bias, y, tokens, inFeatures, outFeatures, words);

        long pairs = SkinnyActivations.Pairs(tokens, words, codes);
        using var split = gpu.RentScratch<SplitPair>(pairs);
        var splitView = split.View.AsContiguous();
        gpu.Launch(SkinnyActivations.Kernel, SkinnyActivations.Config(pairs), x, splitView, tokens, inFeatures, codes, SkinnyActivations.TilePairs(words, codes), pairs);

        var shape = SkinnyMmaGemm<TWeights>.Shape(splitView, weights, tokens, outFeatures, words, bias is not null, gpu.Accelerator.NumMultiprocessors, splits);
        using var partial = gpu.RentScratch<float>(SkinnyMmaGemm<TWeights>.PartialFloats(shape));
        var partialView = partial.View.AsContiguous();
        var biasView = bias ?? scales;
        gpu.Launch(SkinnyMmaGemm<TWeights>.Kernel, SkinnyMmaGemm<TWeights>.Config(shape), splitView, weights, scales, biasView, y, partialView, shape, SkinnyMmaGemm<TWeights>.TokenTiles(tokens));
        if (shape.Splits > 1)
        {
            gpu.Launch(SkinnyFinish.Kernel, SkinnyFinish.Config(tokens, outFeatures), partialView, scales, biasView, shape.HasBias, y, shape.Splits, tokens, outFeatures);
        }
    }
}
