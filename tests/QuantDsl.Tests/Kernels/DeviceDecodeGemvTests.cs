using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Gemv;
using QuantDsl.Runtime;
using QuantDsl.Tests.Backends;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// The decode router (<see cref="DeviceDecodeGemv"/>) on ILGPU's CPU accelerator: its choice of kernel per shape, each
/// kernel it can run (forced) against the scalar oracle, and its errors for bad shapes and impossible forced kernels.
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class DeviceDecodeGemvTests(DeviceFixture devices)
{
    private GpuBackend Gpu => devices.Get(Backend.IlgpuCpu).Gpu;

    [Theory]
    [InlineData(1, 8192, true, 132, DecodeKernel.Streaming)]
    [InlineData(1, 11008, true, 132, DecodeKernel.Streaming)]
    [InlineData(1, 4096, true, 132, DecodeKernel.Staged)]
    [InlineData(1, 8192, false, 132, DecodeKernel.Staged)]
    [InlineData(2, 8192, true, 132, DecodeKernel.TensorCores)]
    [InlineData(16, 4096, false, 132, DecodeKernel.TensorCores)]
    public void Chooses_the_kernel_measured_fastest_for_the_shape(int tokens, int outFeatures, bool int8, int multiprocessors, DecodeKernel expected)
    {
        Assert.Equal(expected, DeviceDecodeGemv.Choose(tokens, outFeatures, int8, multiprocessors));
    }

    [Theory]
    [InlineData(1, 100, 9, DecodeKernel.Streaming)]
    [InlineData(1, 100, 9, DecodeKernel.Staged)]
    [InlineData(1, 100, 9, DecodeKernel.TensorCores)]
    [InlineData(3, 72, 5, DecodeKernel.Staged)]
    [InlineData(3, 72, 5, null)]
    [InlineData(1, 40, 3, null)]
    public void Int8_products_match_the_oracle_on_every_kernel(int tokens, int inFeatures, int outFeatures, DecodeKernel? kernel)
    {
        var random = new Random(inFeatures + tokens);
        var w = GemvWeights.Int8(random, outFeatures, inFeatures, lowest: -128);
        using var product = new GemvCase(Gpu, tokens, inFeatures, outFeatures, withBias: true, w.Packed, w.Value, xSeed: 3);
        DeviceDecodeGemv.Multiply<Int8SkinnyWeights>(Gpu, product.X, product.Weights, product.Scales, product.Bias, product.Y, tokens, inFeatures, outFeatures, w.Words, kernel);

        // The tensor-core path splits x into two TF32 parts: 4 more roundings per term.
        product.AssertMatchesOracle(roundingsPerTerm: kernel == DecodeKernel.TensorCores || (kernel is null && tokens > 1) ? 5 : 1);
    }

    [Theory]
    [InlineData(1, 100, 7, DecodeKernel.Staged)]
    [InlineData(2, 100, 7, null)]
    [InlineData(1, 64, 3, null)]
    public void Fp4_products_match_the_oracle(int tokens, int inFeatures, int outFeatures, DecodeKernel? kernel)
    {
        var random = new Random(inFeatures * tokens);
        var w = GemvWeights.Fp4(random, outFeatures, inFeatures);
        using var product = new GemvCase(Gpu, tokens, inFeatures, outFeatures, withBias: false, w.Packed, w.Value, xSeed: 4);
        DeviceDecodeGemv.Multiply<Fp4SkinnyWeights>(Gpu, product.X, product.Weights, product.Scales, bias: null, product.Y, tokens, inFeatures, outFeatures, w.Words, kernel);

        product.AssertMatchesOracle(roundingsPerTerm: tokens > 1 ? 5 : 1);
    }

    [Fact]
    public void Bad_shapes_and_impossible_kernels_throw_naming_them()
    {
        var codes = new sbyte[3 * 100];
        int words = Int8Format.RoundUp(100, 32) / 4;
        var packed = MmaGemmTests.Pack(codes, 3, 100, words);
        using var product = new GemvCase(Gpu, 1, 100, 3, withBias: false, packed, (_, _) => 0, xSeed: 5);

        var shortX = Assert.Throws<ArgumentException>(() =>
            DeviceDecodeGemv.Multiply<Int8SkinnyWeights>(Gpu, product.X, product.Weights, product.Scales, null, product.Y, 1, 120, 3, words));
        Assert.Contains("[1 × 120]", shortX.Message, StringComparison.Ordinal);

        var narrowRows = Assert.Throws<ArgumentException>(() =>
            DeviceDecodeGemv.Multiply<Int8SkinnyWeights>(Gpu, product.X, product.Weights, product.Scales, null, product.Y, 1, 100, 1, 8));
        Assert.Contains("fewer than K = 100", narrowRows.Message, StringComparison.Ordinal);

        var fp4Streaming = Assert.Throws<ArgumentException>(() =>
            DeviceDecodeGemv.Multiply<Fp4SkinnyWeights>(Gpu, product.X, product.Weights, product.Scales, null, product.Y, 1, 100, 3, words, DecodeKernel.Streaming));
        Assert.Contains("one token of int8 weights", fp4Streaming.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            DeviceDecodeGemv.Multiply<Int8SkinnyWeights>(Gpu, product.X, product.Weights, product.Scales, null, product.Y, 17, 100, 3, words));

        // Weights one word into their buffer: every decode kernel reads 16-byte vectors.
        var shifted = product.Weights.SubView(1, 2 * words);
        var misaligned = Assert.Throws<ArgumentException>(() =>
            DeviceDecodeGemv.Multiply<Int8SkinnyWeights>(Gpu, product.X, shifted, product.Scales, null, product.Y, 1, 100, 2, words));
        Assert.Contains("16-byte boundary", misaligned.Message, StringComparison.Ordinal);

        // Activations one float in: the router falls back to the staged GEMV, and a forced streaming call is refused.
        var xShifted = product.X.SubView(1, 99);
        var forced = Assert.Throws<ArgumentException>(() =>
            DeviceDecodeGemv.Multiply<Int8SkinnyWeights>(Gpu, xShifted, product.Weights, product.Scales, null, product.Y, 1, 99, 3, words, DecodeKernel.Streaming));
        Assert.Contains("activations not aligned", forced.Message, StringComparison.Ordinal);
    }
}
