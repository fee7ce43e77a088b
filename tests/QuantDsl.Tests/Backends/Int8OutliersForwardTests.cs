using QuantDsl.Kernels.Gpu;
using QuantDsl.Oracle;
using QuantDsl.Tests.Layers;

namespace QuantDsl.Tests.Backends;

/// <summary>Forward of every generated [Int8Outliers] variant on every CPU-reachable backend against the oracle.</summary>
[Collection(DeviceCollection.Name)]
public sealed class Int8OutliersForwardTests(DeviceFixture devices)
{
    /// <summary>Backends × shapes, including odd ones: one token, K not a multiple of 32, N not a multiple of the tile.</summary>
    public static TheoryData<Backend, int, int, int> Shapes => new()
    {
        { Backend.Simd, 48, 100, 40 },
        { Backend.Simd, 1, 33, 7 },
        { Backend.Simd, 130, 257, 65 },
        { Backend.IlgpuCpu, 48, 100, 40 },
        { Backend.IlgpuCpu, 1, 33, 7 },
        { Backend.IlgpuCpu, 70, 70, 66 },
    };

    /// <summary>Both backends.</summary>
    public static TheoryData<Backend> Backends => new() { Backend.Simd, Backend.IlgpuCpu };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Default_policy_matches_oracle_with_planted_outliers(Backend backend, int tokens, int inFeatures, int outFeatures)
    {
        var inputs = Inputs.WithOutlierColumns(tokens, inFeatures, outFeatures, columns: Math.Min(6, (inFeatures / 8) + 1), scale: 20f, seed: 11);
        using var layer = LayerRunner.Prepare(new OutlierLayer(inFeatures, outFeatures), inputs, devices.Get(backend));

        var expected = AssertMatchesOracle(layer, inputs, threshold: 6f, outlierWeightsFromInt8: false);

        Assert.NotEmpty(expected.OutlierColumns);
    }

    /// <summary>
    /// The generated Hopper entry points (wgmma tiles, their managed twin on the CPU accelerator) give the bits of the
    /// mma.sync tiles and pass the oracle: 300 tokens take the 128-row tile, 20 the 64-row one.
    /// </summary>
    [Theory]
    [InlineData(300, 64, 260)]
    [InlineData(20, 64, 130)]
    public void Warpgroup_tiles_give_the_bits_of_the_mma_tiles(int tokens, int inFeatures, int outFeatures)
    {
        var device = devices.Get(Backend.IlgpuCpu);
        var inputs = Inputs.WithOutlierColumns(tokens, inFeatures, outFeatures, columns: 4, scale: 20f, seed: 15);
        using var layer = LayerRunner.Prepare(new OutlierLayer(inFeatures, outFeatures), inputs, device);
        float[] mma = LayerRunner.Forward(layer, inputs);
        float[] warpgroup;
        device.Gpu.UseWarpgroupMma = true;
        try
        {
            warpgroup = LayerRunner.Forward(layer, inputs);
        }
        finally
        {
            device.Gpu.UseWarpgroupMma = false;
        }

        Assert.Equal(mma, warpgroup);
        AssertMatchesOracle(layer, inputs, threshold: 6f, outlierWeightsFromInt8: false);
    }

    /// <summary>
    /// The GEMM's K split (<see cref="Runtime.GpuBackend.GemmKSplits"/>, what decode-sized batches get on a GPU) gives
    /// the bits of the unsplit forward and passes the oracle, on the mma.sync and wgmma entry points, twice in a row (the
    /// second call needs the workspace the first left zero).
    /// </summary>
    [Theory]
    [InlineData(5, 264, 130, 3, false)]
    [InlineData(17, 520, 130, 4, true)] // 17 rows: the fewest that take a wgmma tile (ChooseTile)
    public void Split_k_gives_the_bits_of_the_unsplit_forward(int tokens, int inFeatures, int outFeatures, int splits, bool warpgroupMma)
    {
        var device = devices.Get(Backend.IlgpuCpu);
        var inputs = Inputs.WithOutlierColumns(tokens, inFeatures, outFeatures, columns: 3, scale: 20f, seed: 16);
        using var layer = LayerRunner.Prepare(new OutlierLayer(inFeatures, outFeatures), inputs, device);
        device.Gpu.UseWarpgroupMma = warpgroupMma;
        try
        {
            device.Gpu.GemmKSplits = 1;
            float[] unsplit = LayerRunner.Forward(layer, inputs);
            device.Gpu.GemmKSplits = splits;
            Assert.Equal(unsplit, LayerRunner.Forward(layer, inputs));

            // Again through the oracle check: right only if the first split call left its workspace zero.
            AssertMatchesOracle(layer, inputs, threshold: 6f, outlierWeightsFromInt8: false);
        }
        finally
        {
            device.Gpu.GemmKSplits = null;
            device.Gpu.UseWarpgroupMma = false;
        }
    }

    /// <summary>
    /// One token takes the core's GEMV (<see cref="Runtime.GpuBackend.UseDecodeGemv"/>): the same int32 sums and the same
    /// epilogue as the tile, so the same bits, for the paper's fp32 outlier weights and bitsandbytes' int8 ones, an odd
    /// channel count, and it passes the oracle.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void One_token_gemv_gives_the_bits_of_the_tile(bool outlierWeightsFromInt8) =>
        AssertDecodeKernelGivesTheBitsOfTheTile(devices.Get(Backend.IlgpuCpu), 1, 520, 67, seed: 17, outlierWeightsFromInt8);

    /// <summary>
    /// 2–16 tokens take the core's skinny tensor-core kernel (<see cref="Runtime.Int8GemmPlan.IsSkinny"/>): the same int32
    /// sums and epilogue as the tile, so the same bits, with one and two token tiles, both outlier-weight variants, a
    /// channel count that ends inside a block, and either activation side (the general marking, quantizer and gathers, or
    /// <see cref="Runtime.GpuBackend.UseDecodeOutliers"/>: the slice kernels, outlier columns read in place); and it passes
    /// the oracle.
    /// </summary>
    [Theory]
    [InlineData(2, false, false)]
    [InlineData(9, true, false)]
    [InlineData(16, false, false)]
    [InlineData(2, true, true)]
    [InlineData(9, false, true)]
    [InlineData(16, true, true)]
    public void Decode_batches_take_the_skinny_kernel_with_the_bits_of_the_tile(int tokens, bool outlierWeightsFromInt8, bool decodeOutliers)
    {
        var device = devices.Get(Backend.IlgpuCpu);
        device.Gpu.UseDecodeOutliers = decodeOutliers;
        try
        {
            AssertDecodeKernelGivesTheBitsOfTheTile(device, tokens, 264, 37, seed: 23 + tokens, outlierWeightsFromInt8);
        }
        finally
        {
            device.Gpu.UseDecodeOutliers = true;
        }
    }

    /// <summary>
    /// A forced K split on the skinny kernel (<see cref="Runtime.GpuBackend.GemmKSplits"/>): the same bits as the unsplit
    /// kernel, call after call (the workspace is left zero), and as the tile.
    /// </summary>
    [Fact]
    public void A_split_skinny_kernel_gives_the_bits_of_the_unsplit_one_call_after_call()
    {
        var device = devices.Get(Backend.IlgpuCpu);
        var inputs = Inputs.WithOutlierColumns(9, 4200, 37, columns: 3, scale: 20f, seed: 41);
        using var layer = LayerRunner.Prepare(new OutlierLayer(4200, 37), inputs, device);
        Assert.Equal(3, global::QuantDsl.Kernels.Gemv.Int8MmaSkinny.NormalizeKSplits(4224 / 4, 3)); // K = 4200 pads to 4224 codes: three rounds
        float[] unsplit = LayerRunner.Forward(layer, inputs);
        device.Gpu.GemmKSplits = 3;
        try
        {
            Assert.Equal(unsplit, LayerRunner.Forward(layer, inputs));
            Assert.Equal(unsplit, LayerRunner.Forward(layer, inputs));
        }
        finally
        {
            device.Gpu.GemmKSplits = null;
        }
    }

    // The layer on the decode kernels (the default) against the same layer on the 64-row tile: the same bits; then the oracle.
    private static void AssertDecodeKernelGivesTheBitsOfTheTile(Device device, int tokens, int inFeatures, int outFeatures, int seed, bool outlierWeightsFromInt8)
    {
        var inputs = Inputs.WithOutlierColumns(tokens, inFeatures, outFeatures, columns: 3, scale: 20f, seed: seed);
        using QuantLinear layer = outlierWeightsFromInt8
            ? LayerRunner.Prepare(new BnbStyleLayer(inFeatures, outFeatures), inputs, device)
            : LayerRunner.Prepare(new OutlierLayer(inFeatures, outFeatures), inputs, device);
        Assert.True(device.Gpu.UseDecodeGemv);
        float[] decode = LayerRunner.Forward(layer, inputs);
        device.Gpu.UseDecodeGemv = false;
        try
        {
            Assert.Equal(LayerRunner.Forward(layer, inputs), decode);
        }
        finally
        {
            device.Gpu.UseDecodeGemv = true;
        }

        AssertMatchesOracle(layer, inputs, threshold: 6f, outlierWeightsFromInt8);
    }

    [Fact]
    public void A_k_split_below_one_is_rejected()
    {
        var gpu = devices.Get(Backend.IlgpuCpu).Gpu;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => gpu.GemmKSplits = 0);
        Assert.Contains("at least 1", error.Message, StringComparison.Ordinal);
        Assert.Null(gpu.GemmKSplits);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Threshold_zero_is_plain_vector_wise_int8(Backend backend)
    {
        var inputs = Inputs.WithOutlierColumns(40, 96, 36, columns: 3, scale: 20f, seed: 12);
        using var layer = LayerRunner.Prepare(new VectorWiseLayer(96, 36), inputs, devices.Get(backend));

        var expected = AssertMatchesOracle(layer, inputs, threshold: 0f, outlierWeightsFromInt8: false);

        Assert.Empty(expected.OutlierColumns);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Outlier_weights_from_int8_match_the_bitsandbytes_variant_of_the_oracle(Backend backend)
    {
        var inputs = Inputs.WithOutlierColumns(33, 80, 50, columns: 4, scale: 10f, seed: 13);
        using var layer = LayerRunner.Prepare(new BnbStyleLayer(80, 50), inputs, devices.Get(backend));

        var expected = AssertMatchesOracle(layer, inputs, threshold: 4.5f, outlierWeightsFromInt8: true);

        // The two outlier weightings differ measurably, so the test can tell them apart.
        var paperVariant = Int8Reference.Forward(inputs.X, inputs.W, inputs.Bias, 33, 80, 50, 4.5f, outlierWeightsFromInt8: false);
        Assert.True(Metrics.RelativeError<double>(paperVariant.Y, expected.Y) > 1e-4);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Layer_without_bias_matches_the_oracle_without_bias(Backend backend)
    {
        var inputs = Inputs.WithOutlierColumns(20, 64, 24, columns: 2, scale: 20f, seed: 14);
        using var layer = LayerRunner.Prepare(new OutlierLayer(64, 24, bias: false), inputs, devices.Get(backend));
        var expected = Int8Reference.Forward(inputs.X, inputs.W, null, 20, 64, 24, 6f, outlierWeightsFromInt8: false);

        float[] actual = LayerRunner.Forward(layer, inputs);

        Assert.Null(layer.Bias);
        var report = Tolerance.Check(actual, expected.Y, i => Tolerance.Int8Output(expected.OutlierColumns.Length, expected.Magnitude[i]));
        Assert.True(report.Passed, report.ToString());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void New_weights_are_requantized_before_the_next_forward(Backend backend)
    {
        var first = Inputs.WithOutlierColumns(16, 64, 16, columns: 2, scale: 20f, seed: 15);
        var second = first with { W = Inputs.Normal(64 * 16, seed: 99, scale: 0.5f) };
        using var layer = LayerRunner.Prepare(new OutlierLayer(64, 16), first, devices.Get(backend));
        LayerRunner.Forward(layer, first);

        layer.Weight.Value.CopyFrom(second.W);

        AssertMatchesOracle(layer, second, threshold: 6f, outlierWeightsFromInt8: false);
    }

    [Theory]
    [InlineData(Backend.Simd, false)]
    [InlineData(Backend.Simd, true)]
    [InlineData(Backend.IlgpuCpu, false)]
    public void A_new_set_of_outlier_columns_is_gathered_again_from_the_same_weights(Backend backend, bool outlierWeightsFromInt8)
    {
        // The CPU layer caches the weight's outlier columns per weight version and outlier set: a call with other outlier
        // columns must not reuse the last call's, and a return to the first set must not reuse the second's.
        var first = Inputs.WithOutlierColumns(12, 96, 20, columns: 2, scale: 20f, seed: 31);
        var second = Inputs.WithOutlierColumns(12, 96, 20, columns: 5, scale: 20f, seed: 32) with { W = first.W, Bias = first.Bias };
        QuantLinear layer = outlierWeightsFromInt8 ? new BnbStyleLayer(96, 20) : new OutlierLayer(96, 20);
        float threshold = outlierWeightsFromInt8 ? 4.5f : 6f;
        using var prepared = LayerRunner.Prepare(layer, first, devices.Get(backend));

        var one = AssertMatchesOracle(prepared, first, threshold, outlierWeightsFromInt8);
        var two = AssertMatchesOracle(prepared, second, threshold, outlierWeightsFromInt8);
        AssertMatchesOracle(prepared, first, threshold, outlierWeightsFromInt8);

        Assert.NotEqual(one.OutlierColumns, two.OutlierColumns);
    }

    /// <summary>
    /// Every policy × outlier counts around the compact buffers' capacity (<see cref="OutlierGather.Capacity"/>):
    /// none, one token, many (40: still compact), more than the capacity (100: the epilogue reads x and W in place).
    /// </summary>
    public static TheoryData<Backend, string, int, int, int, int> OutlierCounts()
    {
        var data = new TheoryData<Backend, string, int, int, int, int>();
        foreach (var backend in new[] { Backend.Simd, Backend.IlgpuCpu })
        {
            foreach (string policy in new[] { "default", "threshold0", "fromInt8" })
            {
                data.Add(backend, policy, 9, 33, 5, 0);
                data.Add(backend, policy, 1, 70, 13, 3);
                data.Add(backend, policy, 37, 96, 40, 40);
                data.Add(backend, policy, 18, 128, 20, 100);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OutlierCounts))]
    public void Every_policy_matches_the_oracle_for_zero_few_many_and_more_outlier_columns_than_the_compact_capacity(
        Backend backend, string policy, int tokens, int inFeatures, int outFeatures, int columns)
    {
        var inputs = Inputs.WithOutlierColumns(tokens, inFeatures, outFeatures, columns, scale: 20f, seed: 17 + columns);
        QuantLinear layer = policy switch
        {
            "default" => new OutlierLayer(inFeatures, outFeatures),
            "threshold0" => new VectorWiseLayer(inFeatures, outFeatures),
            _ => new BnbStyleLayer(inFeatures, outFeatures),
        };
        using var prepared = LayerRunner.Prepare(layer, inputs, devices.Get(backend));
        float threshold = policy switch { "default" => 6f, "threshold0" => 0f, _ => 4.5f };

        var expected = AssertMatchesOracle(prepared, inputs, threshold, outlierWeightsFromInt8: policy == "fromInt8");

        // Each case takes the path it stands for: no outlier term, the compact buffers, or the in-place reads.
        int found = expected.OutlierColumns.Length;
        Assert.Equal(threshold == 0f || columns == 0, found == 0);
        Assert.Equal(threshold != 0f && columns > OutlierGather.Capacity, found > OutlierGather.Capacity);
    }

    private static Int8ForwardResult AssertMatchesOracle(QuantLinear layer, LayerInputs inputs, float threshold, bool outlierWeightsFromInt8)
    {
        var expected = Int8Reference.Forward(
            inputs.X, inputs.W, inputs.Bias, inputs.Tokens, inputs.InFeatures, inputs.OutFeatures, threshold, outlierWeightsFromInt8);
        float[] actual = LayerRunner.Forward(layer, inputs);
        var report = Tolerance.Check(actual, expected.Y, i => Tolerance.Int8Output(expected.OutlierColumns.Length, expected.Magnitude[i]));
        Assert.True(report.Passed, $"{layer}: {report}");
        return expected;
    }
}
