using QuantDsl.Oracle;
using QuantDsl.Tests.Layers;

namespace QuantDsl.Tests.Backends;

/// <summary>
/// Backward of [Int8Outliers] on every CPU-reachable backend: dX against the dequantized weight, dW and
/// db in full precision (LLM.int8 §2.3), compared element-wise with the oracle.
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class Int8OutliersBackwardTests(DeviceFixture devices)
{
    public static TheoryData<Backend, int, int, int> Shapes => new()
    {
        { Backend.Simd, 48, 100, 40 },
        { Backend.Simd, 1, 33, 7 },
        { Backend.IlgpuCpu, 48, 100, 40 },
        { Backend.IlgpuCpu, 1, 33, 7 },
    };

    public static TheoryData<Backend> Backends => new() { Backend.Simd, Backend.IlgpuCpu };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gradients_match_the_oracle(Backend backend, int tokens, int inFeatures, int outFeatures)
    {
        var inputs = Inputs.WithOutlierColumns(tokens, inFeatures, outFeatures, columns: 3, scale: 20f, seed: 21);
        var dy = Inputs.Normal(tokens * outFeatures, seed: 22);
        using var layer = LayerRunner.Prepare(new OutlierLayer(inFeatures, outFeatures), inputs, devices.Get(backend));

        var (dx, dw, db) = LayerRunner.ForwardBackward(layer, inputs, dy);

        var expected = Int8Reference.Backward(inputs.X, inputs.W, dy, tokens, inFeatures, outFeatures);
        AssertWithin(dx, expected.Dx, expected.DxMagnitude, outFeatures, "dX");
        AssertWithin(dw, expected.Dw, expected.DwMagnitude, tokens, "dW");
        AssertWithin(db!, expected.Db, expected.DbMagnitude, tokens, "db");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Gradients_accumulate_over_calls_until_zeroed(Backend backend)
    {
        var inputs = Inputs.WithOutlierColumns(12, 40, 20, columns: 2, scale: 20f, seed: 23);
        var dy = Inputs.Normal(12 * 20, seed: 24);
        using var layer = LayerRunner.Prepare(new OutlierLayer(40, 20), inputs, devices.Get(backend));
        using var x = Tensor.FromArray(layer.Device, inputs.X, 12, 40);
        using var gradient = Tensor.FromArray(layer.Device, dy, 12, 20);
        var expected = Int8Reference.Backward(inputs.X, inputs.W, dy, 12, 40, 20);

        for (int call = 0; call < 2; call++)
        {
            using var y = layer.Forward(x);
            using var dx = layer.Backward(gradient);
        }

        AssertWithin(layer.Weight.Grad!.ToArray(), [.. expected.Dw.Select(v => 2 * v)], [.. expected.DwMagnitude.Select(v => 2 * v)], 24, "dW after two calls");
        layer.ZeroGrad();
        Assert.All(layer.Weight.Grad!.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(layer.Bias!.Grad!.ToArray(), v => Assert.Equal(0f, v));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Frozen_parameters_get_no_gradient_but_dx_is_still_computed(Backend backend)
    {
        var inputs = Inputs.WithOutlierColumns(10, 40, 20, columns: 2, scale: 20f, seed: 25);
        var dy = Inputs.Normal(10 * 20, seed: 26);
        using var layer = LayerRunner.Prepare(new OutlierLayer(40, 20), inputs, devices.Get(backend));
        layer.Weight.RequiresGrad = false;
        layer.Bias!.RequiresGrad = false;
        using var x = Tensor.FromArray(layer.Device, inputs.X, 10, 40);
        using var gradient = Tensor.FromArray(layer.Device, dy, 10, 20);
        using var y = layer.Forward(x);

        using var dx = layer.Backward(gradient);

        Assert.Null(layer.Weight.Grad);
        Assert.Null(layer.Bias.Grad);
        var expected = Int8Reference.Backward(inputs.X, inputs.W, dy, 10, 40, 20);
        AssertWithin(dx.ToArray(), expected.Dx, expected.DxMagnitude, 20, "dX");
    }

    [Fact]
    public void Backward_is_the_exact_derivative_of_the_documented_surrogate_by_finite_differences()
    {
        // LLM.int8's backward differentiates L = Σ dY ⊙ (X·W_deqᵀ) in X and L = Σ dY ⊙ (X·Wᵀ + b) in W and b.
        // Both are linear, so central differences in double are exact up to rounding: this checks the
        // backward's index conventions (transposes, accumulation targets) independently of the oracle.
        const int Tokens = 3, In = 5, Out = 4;
        var inputs = Inputs.WithOutlierColumns(Tokens, In, Out, columns: 1, scale: 20f, seed: 27);
        var dy = Inputs.Normal(Tokens * Out, seed: 28);
        using var layer = LayerRunner.Prepare(new OutlierLayer(In, Out), inputs, Device.Cpu());
        var (dx, dw, db) = LayerRunner.ForwardBackward(layer, inputs, dy);
        var wDeq = new double[Out * In];
        for (int o = 0; o < Out; o++)
        {
            var codes = Int8Reference.QuantizeVector(inputs.W.AsSpan(o * In, In), out float absMax);
            for (int i = 0; i < In; i++)
            {
                wDeq[(o * In) + i] = codes[i] * (double)absMax / 127.0;
            }
        }

        double LossInX(double[] x) => Loss(x, wDeq, null);
        double LossInWeights(double[] w, double[] b) => Loss([.. inputs.X.Select(v => (double)v)], w, b);
        double Loss(double[] x, double[] w, double[]? b)
        {
            double loss = 0;
            for (int t = 0; t < Tokens; t++)
            {
                for (int o = 0; o < Out; o++)
                {
                    double y = b?[o] ?? 0;
                    for (int i = 0; i < In; i++)
                    {
                        y += x[(t * In) + i] * w[(o * In) + i];
                    }

                    loss += dy[(t * Out) + o] * y;
                }
            }

            return loss;
        }

        const double H = 1e-3;
        var xs = inputs.X.Select(v => (double)v).ToArray();
        var ws = inputs.W.Select(v => (double)v).ToArray();
        var bs = inputs.Bias.Select(v => (double)v).ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            Assert.Equal(CentralDifference(xs, i, H, () => LossInX(xs)), dx[i], 1e-4);
        }

        for (int i = 0; i < ws.Length; i++)
        {
            Assert.Equal(CentralDifference(ws, i, H, () => LossInWeights(ws, bs)), dw[i], 1e-4);
        }

        for (int o = 0; o < Out; o++)
        {
            Assert.Equal(CentralDifference(bs, o, H, () => LossInWeights(ws, bs)), db![o], 1e-4);
        }
    }

    private static double CentralDifference(double[] values, int index, double h, Func<double> loss)
    {
        double saved = values[index];
        values[index] = saved + h;
        double up = loss();
        values[index] = saved - h;
        double down = loss();
        values[index] = saved;
        return (up - down) / (2 * h);
    }

    private static void AssertWithin(float[] actual, double[] expected, double[] magnitude, int terms, string what)
    {
        var report = Tolerance.Check(actual, expected, i => Tolerance.Fp32Sum(terms, magnitude[i]));
        Assert.True(report.Passed, $"{what}: {report}");
    }
}
