using ILGPU;
using ILGPU.Runtime;
using QuantDsl.Kernels.Gemv;
using QuantDsl.Oracle;
using QuantDsl.Runtime;
using QuantDsl.Tests.Backends;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// The tensor-core skinny GEMM (<see cref="SkinnyMmaGemm{TWeights}"/> after <see cref="SkinnyActivations"/>) on ILGPU's
/// CPU accelerator, where <see cref="Tf32Mma"/> runs its managed twin, against the scalar oracle within the float32
/// summation bound (plus the split's 4 roundings per term: high + low carry about 22 bits). Shapes cover one and two
/// token tiles (1–8 and 9–16 tokens), K ending inside a K block and inside a vector, warps with unequal K-block counts
/// (K blocks not a multiple of the 8 warps), output counts ending inside a 16-channel tile and a 64-channel block, and
/// K split over the grid (forced: 2 splits of 1100 k and 4 of 2100 k, the last one short; partial sums, then
/// <see cref="SkinnyFinish"/>; the split is format-independent code, so int8 covers it).
/// Dropping the split's low part fails most of these cases (checked by hand: TF32 alone is 2^-11 per term).
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class SkinnyMmaGemmTests(DeviceFixture devices)
{
    private Runtime.GpuBackend Gpu => devices.Get(Backend.IlgpuCpu).Gpu;

    [Theory]
    [InlineData(1, 100, 20, true, 1)]
    [InlineData(8, 64, 16, true, 1)]
    [InlineData(9, 200, 33, true, 1)]
    [InlineData(16, 300, 65, false, 1)]
    [InlineData(16, 1100, 20, true, 2)]
    [InlineData(2, 2100, 9, false, 4)]
    public void Int8_weights_match_the_oracle(int tokens, int inFeatures, int outFeatures, bool withBias, int splits)
    {
        var random = new Random(tokens + inFeatures + outFeatures);
        var w = GemvWeights.Int8(random, outFeatures, inFeatures, lowest: -127);
        Run<Int8SkinnyWeights>(tokens, inFeatures, outFeatures, withBias, w.Packed, w.Words, w.Value, splits);
    }

    [Theory]
    [InlineData(1, 100, 20, true, 1)]
    [InlineData(5, 1300, 40, false, 1)]
    [InlineData(12, 300, 17, true, 1)]
    [InlineData(16, 129, 64, false, 1)]
    public void Fp4_weights_match_the_oracle(int tokens, int inFeatures, int outFeatures, bool withBias, int splits)
    {
        var random = new Random(tokens * inFeatures);
        var w = GemvWeights.Fp4(random, outFeatures, inFeatures);
        Run<Fp4SkinnyWeights>(tokens, inFeatures, outFeatures, withBias, w.Packed, w.Words, w.Value, splits);
    }

    [Theory]
    [InlineData(16, 1, 8)]
    [InlineData(32, 10, 12)]
    public void Split_is_in_fragment_order_keeps_22_bits_zero_pads_and_passes_infinities_through(int codesPerVector, int tokens, int words)
    {
        const int inFeatures = 37;
        var x = Inputs.Normal(tokens * inFeatures, seed: 3);
        x[0] = 1f + MathF.Pow(2, -12) + MathF.Pow(2, -20);
        x[1] = float.PositiveInfinity;
        x[2] = 1e-30f;
        long tilePairs = SkinnyActivations.TilePairs(words, codesPerVector);
        long pairs = SkinnyActivations.Pairs(tokens, words, codesPerVector);
        Assert.Equal((tokens <= 8 ? 1 : 2) * SkinnyActivations.Blocks(words) * (codesPerVector / 2) * 32, pairs);
        using var xBuffer = Gpu.Allocate<float>(x.Length);
        using var split = Gpu.Allocate<SplitPair>(pairs);
        xBuffer.View.CopyFromCPU(Gpu.Stream, x);
        Gpu.Launch(SkinnyActivations.Kernel, SkinnyActivations.Config(pairs), xBuffer.View.AsContiguous(), split.View.AsContiguous(), tokens, inFeatures, codesPerVector, tilePairs, pairs);
        var result = split.GetAsArray1D();

        int steps = codesPerVector / 2;
        for (long index = 0; index < pairs; index++)
        {
            // [tile][block][step][lane]: lane (g, t) of step s holds token 8·tile + g at k = block·4·codes + codes·t + 2s.
            long tile = index / tilePairs, block = index % tilePairs / (steps * 32);
            int step = (int)(index % (steps * 32) / 32), lane = (int)(index % 32);
            int token = (int)(8 * tile) + (lane >> 2);
            long k = (block * 4 * codesPerVector) + ((lane & 3) * codesPerVector) + (2 * step);
            var pair = result[index];
            Check(pair.High0, pair.Low0, token, k);
            Check(pair.High1, pair.Low1, token, k + 1);
        }

        Assert.Equal(1f, result[0].High0);
        Assert.Equal((float.PositiveInfinity, 0f), (result[0].High1, result[0].Low1));

        void Check(float high, float low, int token, long k)
        {
            Assert.Equal(0u, BitConverter.SingleToUInt32Bits(high) & 0x1FFFu);
            Assert.Equal(0u, BitConverter.SingleToUInt32Bits(low) & 0x1FFFu);
            if (token >= tokens || k >= inFeatures)
            {
                Assert.Equal((0f, 0f), (high, low));
                return;
            }

            float value = x[(token * inFeatures) + k];
            if (float.IsFinite(value))
            {
                Assert.True(Math.Abs((double)high + low - value) <= Math.Abs(value) * Math.Pow(2, -21), $"token {token}, k {k}: {high} + {low} vs {value}");
            }
        }
    }

    [Fact]
    public void Tf32_rounding_is_to_nearest_with_ties_away_from_zero()
    {
        Assert.Equal(1f, Tf32Mma.RoundManaged(1f + MathF.Pow(2, -12)));
        Assert.Equal(1f + MathF.Pow(2, -10), Tf32Mma.RoundManaged(1f + MathF.Pow(2, -11)));
        Assert.Equal(-(1f + MathF.Pow(2, -10)), Tf32Mma.RoundManaged(-(1f + MathF.Pow(2, -11))));
        Assert.Equal(float.NegativeInfinity, Tf32Mma.RoundManaged(float.NegativeInfinity));
        Assert.True(float.IsNaN(Tf32Mma.RoundManaged(float.NaN)));
    }

    private void Run<TWeights>(int tokens, int inFeatures, int outFeatures, bool withBias, int[] packed, int words, Func<int, int, double> weight, int splits)
        where TWeights : struct, ISkinnyWeights
    {
        using var product = new GemvCase(Gpu, tokens, inFeatures, outFeatures, withBias, packed, weight, xSeed: outFeatures + 1);
        ArrayView<float>? bias = withBias ? product.Bias : null;
        DeviceSkinnyGemm.Multiply<TWeights>(Gpu, product.X, product.Weights, product.Scales, bias, product.Y, tokens, inFeatures, outFeatures, words, splits);

        // x·w with x split into two TF32 parts: 4 extra roundings per term on top of the float32 sum of inFeatures + 1.
        product.AssertMatchesOracle(roundingsPerTerm: 5);
    }
}
