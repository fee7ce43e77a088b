using QuantDsl.Oracle;
using QuantDsl.Runtime;
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

        // The CPU forward throws at the call; the GPU forward (deferred check, the default) when its output is read.
        var error = Assert.Throws<NonFiniteValueException>(() => ForwardAndRead(layer, bad));

        Assert.Contains("2 NaN", error.Message, StringComparison.Ordinal);
        Assert.Contains("[8, 32]", error.Message, StringComparison.Ordinal);
        Assert.Equal(weightsBefore, layer.Weight.Value.ToArray());
        var expected = Int8Reference.Forward(inputs.X, inputs.W, inputs.Bias, 8, 32, 16, 6f, false);
        var report = Tolerance.Check(LayerRunner.Forward(layer, inputs), expected.Y, i => Tolerance.Int8Output(expected.OutlierColumns.Length, expected.Magnitude[i]));
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void Deferred_check_lets_the_gpu_forward_return_and_reports_once_at_the_next_synchronization()
    {
        var inputs = Inputs.WithOutlierColumns(8, 32, 16, columns: 1, scale: 20f, seed: 45);
        using var layer = LayerRunner.Prepare(new OutlierLayer(32, 16), inputs, devices.Get(Backend.IlgpuCpu));
        var gpu = layer.Device.Gpu;
        Assert.Equal(NonFiniteCheckMode.Deferred, gpu.NonFiniteChecks);
        var poisoned = (float[])inputs.X.Clone();
        poisoned[17] = float.NaN;
        using var bad = Tensor.FromArray(layer.Device, poisoned, 8, 32);
        using var good = Tensor.FromArray(layer.Device, inputs.X, 8, 32);

        using var first = layer.Forward(bad);
        using var second = layer.Forward(bad);
        using var third = layer.Forward(good);
        Assert.Equal(3, gpu.PendingNonFiniteChecks);
        var error = Assert.Throws<NonFiniteValueException>(layer.Device.Synchronize);

        Assert.Contains("OutlierLayer: input x [8, 32] held 1 NaN", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 later forward(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("NonFiniteCheckMode.Immediate", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, gpu.PendingNonFiniteChecks);
        layer.Device.Synchronize(); // reported once: the counters were read and zeroed
        var expected = Int8Reference.Forward(inputs.X, inputs.W, inputs.Bias, 8, 32, 16, 6f, false);
        var report = Tolerance.Check(third.ToArray(), expected.Y, i => Tolerance.Int8Output(expected.OutlierColumns.Length, expected.Magnitude[i]));
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void Immediate_check_makes_the_gpu_forward_itself_throw()
    {
        var inputs = Inputs.WithOutlierColumns(8, 32, 16, columns: 1, scale: 20f, seed: 46);
        using var layer = LayerRunner.Prepare(new OutlierLayer(32, 16), inputs, devices.Get(Backend.IlgpuCpu));
        var gpu = layer.Device.Gpu;
        var poisoned = (float[])inputs.X.Clone();
        poisoned[5] = float.NegativeInfinity;
        using var bad = Tensor.FromArray(layer.Device, poisoned, 8, 32);
        gpu.NonFiniteChecks = NonFiniteCheckMode.Immediate;
        try
        {
            var error = Assert.Throws<NonFiniteValueException>(() => layer.Forward(bad));

            Assert.Contains("input x [8, 32] holds 1 NaN", error.Message, StringComparison.Ordinal);
            Assert.Contains("the output was discarded", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, gpu.PendingNonFiniteChecks);
        }
        finally
        {
            gpu.NonFiniteChecks = NonFiniteCheckMode.Deferred;
        }
    }

    [Fact]
    public void Backward_after_a_poisoned_deferred_forward_throws_before_any_gradient_changes()
    {
        var inputs = Inputs.WithOutlierColumns(6, 24, 12, columns: 1, scale: 20f, seed: 47);
        using var layer = LayerRunner.Prepare(new OutlierLayer(24, 12), inputs, devices.Get(Backend.IlgpuCpu));
        var dy = Inputs.Normal(6 * 12, seed: 48);
        LayerRunner.ForwardBackward(layer, inputs, dy);
        var gradBefore = layer.Weight.Grad!.ToArray();
        var poisoned = (float[])inputs.X.Clone();
        poisoned[30] = float.NaN;
        using var bad = Tensor.FromArray(layer.Device, poisoned, 6, 24);
        using var y = layer.Forward(bad);
        using var gradient = Tensor.FromArray(layer.Device, dy, 6, 12);

        var error = Assert.Throws<NonFiniteValueException>(() => layer.Backward(gradient));

        Assert.Contains("input x [6, 24]", error.Message, StringComparison.Ordinal);
        Assert.Equal(gradBefore, layer.Weight.Grad!.ToArray());
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

    private static float[] ForwardAndRead(QuantLinear layer, Tensor x)
    {
        using var y = layer.Forward(x);
        return y.ToArray();
    }
}
