using ILGPU.Runtime;
using QuantDsl.Kernels.Gemv;
using QuantDsl.Tests.Backends;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// The one-token streaming int8 GEMV (<see cref="Int8StreamingGemv"/>) on ILGPU's CPU accelerator (where the ring copies are plain stores, in the same slot order) against the scalar oracle, within the
/// float32 summation bound. K covers one vector, a partial tail vector (K not a multiple of 16), lanes with fewer
/// steps than the ring has stages, and lanes that wrap the ring (4 stages at 4 channels per warp, 8 at 2, 16 at 1);
/// output counts leave the last warp's channels part empty for 2 and 4 channels per warp.
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class StreamingGemvTests(DeviceFixture devices)
{
    private Runtime.GpuBackend Gpu => devices.Get(Backend.IlgpuCpu).Gpu;

    [Theory]
    [InlineData(16, 5, 1, true)]
    [InlineData(100, 7, 4, false)]
    [InlineData(1040, 6, 2, true)]
    [InlineData(1552, 5, 4, true)]
    [InlineData(2100, 3, 1, false)]
    [InlineData(4660, 9, 4, true)]
    public void Int8_weights_match_the_oracle(int inFeatures, int outFeatures, int channelsPerWarp, bool withBias)
    {
        var random = new Random(inFeatures + outFeatures);
        var w = GemvWeights.Int8(random, outFeatures, inFeatures, lowest: -128);
        using var product = new GemvCase(Gpu, 1, inFeatures, outFeatures, withBias, w.Packed, w.Value, xSeed: inFeatures);
        Gpu.Launch(Int8StreamingGemv.Kernel, Int8StreamingGemv.Config(outFeatures, channelsPerWarp), product.X, product.Weights, product.Scales, product.Bias, withBias ? 1 : 0, product.Y, SpecializedValue.New(channelsPerWarp), inFeatures, outFeatures, w.Words, product.WeightsAddress);

        // Each term is x·w (exact in float for these codes) times the scale: inFeatures + 1 terms, one rounding each.
        product.AssertMatchesOracle(roundingsPerTerm: 1);
    }
}
