using ILGPU;
using ILGPU.Runtime;
using QuantDsl.Kernels.Gemv;
using QuantDsl.Oracle;
using QuantDsl.Tests.Backends;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// The weight-only decode GEMVs (int8 and FP4 E2M1 weights, 1..16 tokens) on ILGPU's CPU accelerator against the scalar
/// oracle, within the float32 summation bound of <see cref="Tolerance.Fp32Sum"/>. Shapes cover K not a multiple of the
/// 16-byte vector, K spanning several staged chunks (16 tokens: 512 int8 k or 512 FP4 k per chunk; 3 tokens: 2720 int8 k;
/// 4 tokens: 2048 int8 k; 2 tokens: 4096 FP4 k), lanes with several vectors per chunk in the two-pairs-per-step path of
/// up to <see cref="Int8Gemv.DeepTokens"/> tokens (some lanes with one vector more than others), FP4 past
/// <see cref="Fp4Gemv.HalfStagingTokens"/> tokens (half vectors staged in turn, 1024 k per chunk, a partial last chunk),
/// and output counts that leave a block (16 channels) or a warp's pair half full.
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class GemvTests(DeviceFixture devices)
{
    private Runtime.GpuBackend Gpu => devices.Get(Backend.IlgpuCpu).Gpu;

    [Theory]
    [InlineData(1, 72, 40, true)]
    [InlineData(3, 100, 33, false)]
    [InlineData(16, 1100, 17, true)]
    [InlineData(3, 2800, 9, true)]
    [InlineData(1, 2100, 5, true)]
    [InlineData(4, 2100, 3, false)]
    public void Int8_weights_match_the_oracle(int tokens, int inFeatures, int outFeatures, bool withBias)
    {
        var random = new Random(tokens + inFeatures);
        var w = GemvWeights.Int8(random, outFeatures, inFeatures, lowest: -127);
        Run(tokens, inFeatures, outFeatures, withBias, w.Packed, w.Words, Int8Gemv.Kernel, Int8Gemv.Config(outFeatures), w.Value);
    }

    [Theory]
    [InlineData(1, 72, 40, true)]
    [InlineData(3, 100, 33, false)]
    [InlineData(16, 1100, 9, true)]
    [InlineData(1, 4500, 3, true)]
    [InlineData(2, 9000, 2, false)]
    [InlineData(9, 1500, 3, false)]
    public void Fp4_weights_match_the_oracle(int tokens, int inFeatures, int outFeatures, bool withBias)
    {
        var random = new Random(tokens * inFeatures);
        var w = GemvWeights.Fp4(random, outFeatures, inFeatures);
        Run(tokens, inFeatures, outFeatures, withBias, w.Packed, w.Words, Fp4Gemv.Kernel, Fp4Gemv.Config(outFeatures), w.Value);
    }

    [Fact]
    public void Fp4_packing_puts_the_even_k_in_the_low_nibble_and_rejects_wide_codes()
    {
        var packed = Fp4WeightPacking.Pack(new byte[] { 0x1, 0xF, 0x7 }, 1, 3);
        Assert.Equal(0x7F1, packed[0]);
        Assert.Throws<ArgumentException>(() => Fp4WeightPacking.Pack(new byte[] { 16 }, 1, 1));
        Assert.Throws<ArgumentException>(() => Fp4WeightPacking.Pack(new byte[] { 1, 2 }, 1, 3));
        Assert.Throws<ArgumentException>(() => Fp4WeightPacking.Pack(new byte[9], 1, 9, 1));
    }

    [Fact]
    public void Fp4_gpu_rows_are_whole_16_byte_vectors_padded_with_zero_codes()
    {
        Assert.Equal(4, Fp4WeightPacking.GpuWordsPerRow(1));
        Assert.Equal(4, Fp4WeightPacking.GpuWordsPerRow(32));
        Assert.Equal(8, Fp4WeightPacking.GpuWordsPerRow(33));
        var packed = Fp4WeightPacking.Pack(new byte[] { 0x3, 0x5, 0x9 }, 3, 1, Fp4WeightPacking.GpuWordsPerRow(1));
        Assert.Equal(new[] { 0x3, 0, 0, 0, 0x5, 0, 0, 0, 0x9, 0, 0, 0 }, packed);
    }

    private void Run(
        int tokens,
        int inFeatures,
        int outFeatures,
        bool withBias,
        int[] packed,
        int words,
        Action<ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, int, ArrayView<float>, SpecializedValue<int>, int, int, int> kernel,
        KernelConfig config,
        Func<int, int, double> weight)
    {
        using var product = new GemvCase(Gpu, tokens, inFeatures, outFeatures, withBias, packed, weight, xSeed: outFeatures);
        Gpu.Launch(kernel, config, product.X, product.Weights, product.Scales, product.Bias, withBias ? 1 : 0, product.Y, SpecializedValue.New(tokens), inFeatures, outFeatures, words);

        // Each term is x·w (exact in float for these codes) times the scale: inFeatures + 1 terms, one rounding each.
        product.AssertMatchesOracle(roundingsPerTerm: 1);
    }
}
