using ILGPU;
using ILGPU.Runtime;
using QuantDsl.Kernels.Gemv;

namespace QuantDsl.Runtime;

/// <summary>
/// The weight-only decode product <c>y[t, o] = scale[o]·Σ_k x[t, k]·W[o, k] + bias[o]</c> for 1–16 tokens of fp32
/// activations and int8 or FP4 weights, on the kernel measured fastest for the shape (docs/BENCHMARKS.md, H200,
/// 2026-12-03): one int8 token on many outputs streams the weights (<see cref="Int8StreamingGemv"/>), other single
/// tokens take the staged CUDA-core GEMV (<see cref="Int8Gemv"/>, <see cref="Fp4Gemv"/>), and 2–16 tokens the
/// tensor-core skinny GEMM (<see cref="DeviceSkinnyGemm"/>). Every path is checked against the same scalar oracle.
/// </summary>
public static class DeviceDecodeGemv
{
    /// <summary>
    /// Fewest warps per SM for the streaming GEMV (four channels per warp): below it the grid is too small to keep
    /// enough weight bytes in flight, and the staged GEMV was faster (4096 outputs on 132 SMs: 7.8 warps per SM,
    /// 10.4 µs against 9.4 µs; 8192 outputs: 15.5, 24.0 µs against 26.1 µs).
    /// </summary>
    public const int StreamingMinWarpsPerSm = 12;

    /// <summary>Output channels per warp of the streaming GEMV as routed here (the fastest of 1, 2, 4 at every measured shape).</summary>
    public const int StreamingChannelsPerWarp = 4;

    /// <summary>The kernel <see cref="Multiply{TWeights}"/> runs for this shape and format on an accelerator with <paramref name="multiprocessors"/> SMs.</summary>
    /// <param name="tokens">1 to 16.</param>
    /// <param name="outFeatures">Output channels.</param>
    /// <param name="int8">True for int8 weights, false for FP4.</param>
    /// <param name="multiprocessors">The accelerator's SM count.</param>
    public static DecodeKernel Choose(int tokens, int outFeatures, bool int8, int multiprocessors)
    {
        if (tokens > 1)
        {
            return DecodeKernel.TensorCores;
        }

        long warps = (outFeatures + StreamingChannelsPerWarp - 1) / StreamingChannelsPerWarp;
        return int8 && warps >= (long)StreamingMinWarpsPerSm * multiprocessors ? DecodeKernel.Streaming : DecodeKernel.Staged;
    }

    /// <summary>Computes y [tokens × outFeatures] (see the type summary).</summary>
    /// <typeparam name="TWeights"><see cref="Int8SkinnyWeights"/> or <see cref="Fp4SkinnyWeights"/>: the weight format.</typeparam>
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
    /// <param name="kernel">A kernel to force (tests and benchmarks); when null, <see cref="Choose"/> picks it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The token count is outside 1–16.</exception>
    /// <exception cref="ArgumentException">
    /// A view is shorter than its shape, the rows do not cover K, the weights do not start on a 16-byte boundary, or the
    /// forced kernel does not take this format and token count (streaming: one int8 token, 16-byte aligned activations).
    /// </exception>
    public static void Multiply<TWeights>(
        GpuBackend gpu, ArrayView<float> x, ArrayView<int> weights, ArrayView<float> scales, ArrayView<float>? bias, ArrayView<float> y,
        int tokens, int inFeatures, int outFeatures, int words, DecodeKernel? kernel = null)
        where TWeights : struct, ISkinnyWeights
    {
        ArgumentNullException.ThrowIfNull(gpu);
        bool int8 = typeof(TWeights) == typeof(Int8SkinnyWeights);
        if (tokens < 1 || tokens > Int8Gemv.MaxTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(tokens), tokens, $"The decode kernels take 1 to {Int8Gemv.MaxTokens} tokens.");
        }

        // Every kernel here reads the weights as 16-byte vectors (cp.async and ld.global.v4 fault on a misaligned address).
        if (weights.LoadEffectiveAddressAsPtr().ToInt64() % 16 != 0)
        {
            throw new ArgumentException($"The weights [{outFeatures} × {words} words] must start on a 16-byte boundary (a whole buffer, or a sub-view at a multiple of 4 words).", nameof(weights));
        }

        // The streaming GEMV loads x as 16-byte vectors: a sub-view that starts mid-vector takes the staged GEMV instead.
        bool xAligned = x.LoadEffectiveAddressAsPtr().ToInt64() % 16 == 0;
        var chosen = kernel ?? Choose(tokens, outFeatures, int8, gpu.Accelerator.NumMultiprocessors);
        if (kernel is null && chosen == DecodeKernel.Streaming && !xAligned)
        {
            chosen = DecodeKernel.Staged;
        }

        if (chosen == DecodeKernel.Streaming && (!int8 || tokens != 1 || !xAligned))
        {
            throw new ArgumentException(
                $"The streaming GEMV takes one token of int8 weights with 16-byte aligned activations; this call has {tokens} token(s) of {(int8 ? "int8" : "FP4")} weights, activations {(xAligned ? "aligned" : "not aligned")}.",
                nameof(kernel));
        }

        if (chosen == DecodeKernel.TensorCores)
        {
            DeviceSkinnyGemm.Multiply<TWeights>(gpu, x, weights, scales, bias, y, tokens, inFeatures, outFeatures, words);
            return;
        }

        DecodeShapes.Require(default(TWeights).CodesPerVector, x, weights, scales, bias, y, tokens, inFeatures, outFeatures, words);
        var biasView = bias ?? scales;
        int hasBias = bias is null ? 0 : 1;
        if (chosen == DecodeKernel.Streaming)
        {
            gpu.Launch(
                Int8StreamingGemv.Kernel, Int8StreamingGemv.Config(outFeatures, StreamingChannelsPerWarp), x, weights, scales, biasView, hasBias, y,
                SpecializedValue.New(StreamingChannelsPerWarp), inFeatures, outFeatures, words, weights.LoadEffectiveAddressAsPtr().ToInt64());
        }
        else if (int8)
        {
            gpu.Launch(Int8Gemv.Kernel, Int8Gemv.Config(outFeatures), x, weights, scales, biasView, hasBias, y, SpecializedValue.New(tokens), inFeatures, outFeatures, words);
        }
        else
        {
            gpu.Launch(Fp4Gemv.Kernel, Fp4Gemv.Config(outFeatures), x, weights, scales, biasView, hasBias, y, SpecializedValue.New(tokens), inFeatures, outFeatures, words);
        }
    }
}
