using QuantDsl.Training;

namespace QuantDsl.Tests.Training;

/// <summary>AdamW, the schedule and clipping against hand-computed values.</summary>
public sealed class OptimizerTests
{
    [Fact]
    public void AdamW_matches_the_update_rule_with_decoupled_decay_only_where_marked()
    {
        using var decayed = new FullPrecisionLinear(2, 1, bias: true);
        decayed.Weight.Value.CopyFrom([1f, -2f]);
        decayed.Bias!.Value.CopyFrom([0.5f]);
        var parameters = new[]
        {
            new TrainableParameter("w", decayed.Weight, true),
            new TrainableParameter("b", decayed.Bias, false),
        };
        var optimizer = new AdamW(parameters, beta1: 0.9f, beta2: 0.99f, epsilon: 1e-8f, weightDecay: 0.1f);
        double w0 = 1, w1 = -2, b = 0.5, m0 = 0, m1 = 0, mb = 0, v0 = 0, v1 = 0, vb = 0;
        float[][] grads = [[0.3f, -0.1f, 0.2f], [-0.5f, 0.4f, 0.1f]];
        for (int step = 1; step <= 2; step++)
        {
            var g = grads[step - 1];
            decayed.Weight.Grad?.Clear();
            decayed.ZeroGrad();
            SetGrad(decayed.Weight, [g[0], g[1]]);
            SetGrad(decayed.Bias, [g[2]]);
            optimizer.Update(0.01f);

            double c1 = 1 - Math.Pow(0.9, step), c2 = 1 - Math.Pow(0.99, step);
            (w0, m0, v0) = Adam(w0, m0, v0, g[0], 0.1);
            (w1, m1, v1) = Adam(w1, m1, v1, g[1], 0.1);
            (b, mb, vb) = Adam(b, mb, vb, g[2], 0);

            (double, double, double) Adam(double p, double m, double v, double grad, double decay)
            {
                m = (0.9 * m) + (0.1 * grad);
                v = (0.99 * v) + (0.01 * grad * grad);
                p -= 0.01 * ((m / c1 / (Math.Sqrt(v / c2) + 1e-8)) + (decay * p));
                return (p, m, v);
            }
        }

        Assert.Equal(w0, decayed.Weight.Value.HostData[0], 5);
        Assert.Equal(w1, decayed.Weight.Value.HostData[1], 5);
        Assert.Equal(b, decayed.Bias.Value.HostData[0], 5);
        Assert.Equal(2, optimizer.Step);
    }

    [Fact]
    public void AdamW_refuses_a_non_finite_gradient_and_changes_nothing()
    {
        using var layer = new FullPrecisionLinear(2, 1, bias: false);
        layer.Weight.Value.CopyFrom([1f, 2f]);
        var optimizer = new AdamW([new TrainableParameter("w", layer.Weight, true)]);
        SetGrad(layer.Weight, [float.NaN, 1f]);
        Assert.Throws<NonFiniteValueException>(() => optimizer.Update(0.1f));
        Assert.Equal([1f, 2f], layer.Weight.Value.ToArray());
        Assert.Equal(0, optimizer.Step);
    }

    [Fact]
    public void Schedule_warms_up_linearly_then_decays_by_cosine_to_the_floor()
    {
        var schedule = new LearningRateSchedule(Peak: 1f, Floor: 0.1f, WarmupSteps: 10, TotalSteps: 110);
        Assert.Equal(0.1f, schedule.At(0), 6);
        Assert.Equal(1f, schedule.At(9), 6);
        Assert.Equal(1f, schedule.At(10), 6);
        Assert.Equal(0.55f, schedule.At(60), 5);
        Assert.Equal(0.1f, schedule.At(110), 6);
    }

    [Fact]
    public void Clipping_scales_to_the_global_norm_and_reports_it()
    {
        using var layer = new FullPrecisionLinear(2, 1, bias: true);
        SetGrad(layer.Weight, [3f, 0f]);
        SetGrad(layer.Bias!, [4f]);
        var parameters = new[] { new TrainableParameter("w", layer.Weight, true), new TrainableParameter("b", layer.Bias!, false) };
        Assert.Equal(5f, GradientClipping.ClipGlobalNorm(parameters, 1f), 6);
        Assert.Equal(0.6f, layer.Weight.Grad!.HostData[0], 6);
        Assert.Equal(0.8f, layer.Bias!.Grad!.HostData[0], 6);
        Assert.Equal(1f, GradientClipping.ClipGlobalNorm(parameters, 2f), 6);
        Assert.Equal(0.6f, layer.Weight.Grad!.HostData[0], 6);
    }

    private static void SetGrad(Parameter parameter, float[] values)
    {
        parameter.EnsureGrad().CopyFrom(values);
    }
}
