using QuantDsl.Oracle;
using QuantDsl.Tests.Backends;
using QuantDsl.Tests.Layers;

namespace QuantDsl.Tests.Api;

/// <summary>NaN/±∞ in inputs, gradients or weights are reported, and nothing derived from them is kept.</summary>
[Collection(DeviceCollection.Name)]
public sealed class NonFiniteTests(DeviceFixture devices)
{
    public static TheoryData<Backend> Backends => new() { Backend.Simd, Backend.IlgpuCpu };

    [Theory]
    [MemberData(nameof(Backends))]
    public void NaN_in_x_is_reported_with_its_count_and_the_layer_keeps_working(Backend backend)
    {
        var inputs = Inputs.WithOutlierColumns(8, 32, 16, columns: 1, scale: 20f, seed: 41);
        using var layer = LayerRunner.Prepare(new OutlierLayer(32, 16), inputs, devices.Get(backend));
        var poisoned = (float[])inputs.X.Clone();
        poisoned[3] = float.NaN;
        poisoned[40] = float.PositiveInfinity;
        var weightsBefore = layer.Weight.Value.ToArray();
        using var bad = Tensor.FromArray(layer.Device, poisoned, 8, 32);

        var error = Assert.Throws<NonFiniteValueException>(() => layer.Forward(bad));

        Assert.Contains("2 NaN", error.Message, StringComparison.Ordinal);
        Assert.Contains("[8, 32]", error.Message, StringComparison.Ordinal);
        Assert.Equal(weightsBefore, layer.Weight.Value.ToArray());
        var expected = Int8Reference.Forward(inputs.X, inputs.W, inputs.Bias, 8, 32, 16, 6f, false);
        var report = Tolerance.Check(LayerRunner.Forward(layer, inputs), expected.Y, i => Tolerance.Int8Output(expected.OutlierColumns.Length, expected.Magnitude[i]));
        Assert.True(report.Passed, report.ToString());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Infinity_in_dy_is_reported_before_any_gradient_changes(Backend backend)
    {
        var inputs = Inputs.WithOutlierColumns(6, 24, 12, columns: 1, scale: 20f, seed: 42);
        using var layer = LayerRunner.Prepare(new OutlierLayer(24, 12), inputs, devices.Get(backend));
        var dy = Inputs.Normal(6 * 12, seed: 43);
        LayerRunner.ForwardBackward(layer, inputs, dy);
        var gradBefore = layer.Weight.Grad!.ToArray();
        var biasGradBefore = layer.Bias!.Grad!.ToArray();
        dy[7] = float.NegativeInfinity;
        using var x = Tensor.FromArray(layer.Device, inputs.X, 6, 24);
        using var y = layer.Forward(x);
        using var badGradient = Tensor.FromArray(layer.Device, dy, 6, 12);

        var error = Assert.Throws<NonFiniteValueException>(() => layer.Backward(badGradient));

        Assert.Contains("dy", error.Message, StringComparison.Ordinal);
        Assert.Equal(gradBefore, layer.Weight.Grad!.ToArray());
        Assert.Equal(biasGradBefore, layer.Bias.Grad!.ToArray());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void NaN_in_the_weight_is_reported_as_a_weight_problem(Backend backend)
    {
        var inputs = Inputs.WithOutlierColumns(4, 16, 8, columns: 1, scale: 20f, seed: 44);
        var poisonedWeights = (float[])inputs.W.Clone();
        poisonedWeights[5] = float.NaN;
        using var layer = LayerRunner.Prepare(new OutlierLayer(16, 8), inputs with { W = poisonedWeights }, devices.Get(backend));
        using var x = Tensor.FromArray(layer.Device, inputs.X, 4, 16);

        var error = Assert.Throws<NonFiniteValueException>(() => layer.Forward(x));

        Assert.Contains("weight", error.Message, StringComparison.Ordinal);
        Assert.Contains("[8, 16]", error.Message, StringComparison.Ordinal);
    }
}
