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

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Default_policy_matches_oracle_with_planted_outliers(Backend backend, int tokens, int inFeatures, int outFeatures)
    {
        var inputs = Inputs.WithOutlierColumns(tokens, inFeatures, outFeatures, columns: Math.Min(6, inFeatures / 8 + 1), scale: 20f, seed: 11);
        var expected = Int8Reference.Forward(inputs.X, inputs.W, inputs.Bias, tokens, inFeatures, outFeatures, threshold: 6f, outlierWeightsFromInt8: false);
        using var layer = LayerRunner.Prepare(new OutlierLayer(inFeatures, outFeatures), inputs, devices.Get(backend));

        float[] actual = LayerRunner.Forward(layer, inputs);

        Assert.NotEmpty(expected.OutlierColumns);
        var report = Tolerance.Check(actual, expected.Y, i => Tolerance.Int8Output(expected.OutlierColumns.Length, expected.Magnitude[i]));
        Assert.True(report.Passed, report.ToString());
    }
}
