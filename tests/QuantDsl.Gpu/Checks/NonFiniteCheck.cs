using QuantDsl.Oracle;

namespace QuantDsl.Gpu.Checks;

/// <summary>
/// A NaN in x is reported with <see cref="NonFiniteValueException"/> (deferred: when y is read; immediate: by Forward), a +∞ in dy makes Backward throw it
/// without touching the gradients (left non-zero by a good backward before it), and the layer still matches
/// the oracle afterwards (forward and backward).
/// </summary>
public static class NonFiniteCheck
{
    /// <summary>The check of <paramref name="policy"/> at <paramref name="shape"/>.</summary>
    public static Check Create(LayerPolicy policy, Shape shape) =>
        new($"nonfinite/{policy.Name}/{shape.Name}", shape, context => Run(context, policy, shape));

    private static CheckOutcome Run(HarnessContext context, LayerPolicy policy, Shape shape)
    {
        var data = context.Oracle.For(shape);
        var inputs = data.Inputs;
        var problems = new List<string>();
        var notes = new List<string>();
        var reports = new List<(string Label, ToleranceReport Report)>();
        using var layer = LayerCalls.Create(policy, inputs, context.Device);

        float[] poisonedX = (float[])inputs.X.Clone();
        poisonedX[((shape.Tokens / 2) * shape.InFeatures) + (shape.InFeatures / 3)] = float.NaN;
        using (var badX = Tensor.FromArray(layer.Device, poisonedX, shape.Tokens, shape.InFeatures))
        {
            // Deferred check (the default): reported when the output is read.
            ExpectNonFinite(() => ForwardAndRead(layer, badX), "Forward(x with one NaN), then reading y", badX.ShapeText, problems, notes);
            layer.Device.Gpu.NonFiniteChecks = Runtime.NonFiniteCheckMode.Immediate;
            try
            {
                ExpectNonFinite(() => { using var y = layer.Forward(badX); return []; }, "Forward(x with one NaN), immediate check", badX.ShapeText, problems, notes);
            }
            finally
            {
                layer.Device.Gpu.NonFiniteChecks = Runtime.NonFiniteCheckMode.Deferred;
            }
        }

        using var x = LayerCalls.Input(layer, inputs);
        using var y = layer.Forward(x);
        reports.Add(("y after the NaN", Comparison.Forward(y.ToArray(), data.Forward(policy))));

        // A good backward first, so that the gradients the +inf must not touch are not all zero.
        using var dy = Tensor.FromArray(layer.Device, data.OutputGradient, shape.Tokens, shape.OutFeatures);
        using (var dx = layer.Backward(dy))
        {
            reports.AddRange(Comparison.Backward(layer, dx.ToArray(), data.Backward, shape).Select(r => ($"{r.Label} before the +inf", r.Report)));
        }

        float[]? weightGrad = layer.Weight.Grad?.ToArray();
        float[]? biasGrad = layer.Bias?.Grad?.ToArray();
        float[] poisonedDy = (float[])data.OutputGradient.Clone();
        poisonedDy[poisonedDy.Length / 2] = float.PositiveInfinity;
        using (var badDy = Tensor.FromArray(layer.Device, poisonedDy, shape.Tokens, shape.OutFeatures))
        {
            ExpectNonFinite(() => { using var dx = layer.Backward(badDy); return []; }, "Backward(dy with one +inf)", badDy.ShapeText, problems, notes);
        }

        if (!SameValues(layer.Weight.Grad, weightGrad) || !SameValues(layer.Bias?.Grad, biasGrad))
        {
            problems.Add("Backward changed a gradient although dy held +inf.");
        }

        layer.ZeroGrad();
        using (var dx = layer.Backward(dy))
        {
            reports.AddRange(Comparison.Backward(layer, dx.ToArray(), data.Backward, shape).Select(r => ($"{r.Label} after the +inf", r.Report)));
        }

        var outcome = Comparison.Outcome(reports, null, [.. problems, .. notes]);
        return outcome with { Passed = outcome.Passed && problems.Count == 0 };
    }

    private static float[] ForwardAndRead(QuantLinear layer, Tensor x)
    {
        using var y = layer.Forward(x);
        return y.ToArray();
    }

    private static void ExpectNonFinite(Func<float[]> call, string what, string shapeText, List<string> problems, List<string> notes)
    {
        try
        {
            _ = call();
            problems.Add($"{what} returned a result instead of throwing NonFiniteValueException.");
        }
        catch (NonFiniteValueException error)
        {
            notes.Add($"{what} threw NonFiniteValueException: {error.Message}");
            if (!error.Message.Contains(shapeText, StringComparison.Ordinal))
            {
                problems.Add($"{what}: the message does not name the tensor's shape {shapeText}.");
            }
        }
    }

    private static bool SameValues(Tensor? gradient, float[]? before) =>
        gradient is null ? before is null : before is not null && gradient.ToArray().AsSpan().SequenceEqual(before);
}
