namespace QuantDsl.Gpu.Checks;

/// <summary>Backward on the device (dX, dW, db) against <see cref="QuantDsl.Oracle.Int8Reference.Backward"/>, element by element.</summary>
public static class BackwardCheck
{
    /// <summary>The check of <paramref name="policy"/> at <paramref name="shape"/>.</summary>
    public static Check Create(LayerPolicy policy, Shape shape) =>
        new($"backward/{policy.Name}/{shape.Name}", shape, context => Run(context, policy, shape));

    private static CheckOutcome Run(HarnessContext context, LayerPolicy policy, Shape shape)
    {
        var data = context.Oracle.For(shape);
        var inputs = data.Inputs;
        var expected = data.Backward;
        using var layer = LayerCalls.Create(policy, inputs, context.Device);
        using var x = LayerCalls.Input(layer, inputs);
        using var dy = Tensor.FromArray(layer.Device, data.OutputGradient, shape.Tokens, shape.OutFeatures);
        var (dx, seconds) = LayerCalls.TimedBackward(layer, x, dy);

        // dX and dW are one GEMM each (db is a reduction): 2 GEMMs of 2·T·K·N flops.
        string timing = $"layer Backward {Formatting.Seconds(seconds)} ({Formatting.Rate(4 * shape.MultiplyAdds, seconds)}; {LayerCalls.TimingNote(layer.Device)})";
        return Comparison.Outcome(Comparison.Backward(layer, dx, expected, shape), seconds, timing);
    }
}
