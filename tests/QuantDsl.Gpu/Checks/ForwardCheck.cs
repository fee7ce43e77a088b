namespace QuantDsl.Gpu.Checks;

/// <summary>Forward on the device against <see cref="QuantDsl.Oracle.Int8Reference.Forward"/>, element by element.</summary>
public static class ForwardCheck
{
    /// <summary>The check of <paramref name="policy"/> at <paramref name="shape"/>.</summary>
    public static Check Create(LayerPolicy policy, Shape shape) =>
        new($"forward/{policy.Name}/{shape.Name}", shape, context => Run(context, policy, shape));

    private static CheckOutcome Run(HarnessContext context, LayerPolicy policy, Shape shape)
    {
        var data = context.Oracle.For(shape);
        var inputs = data.Inputs;
        var expected = data.Forward(policy);
        using var layer = LayerCalls.Create(policy, inputs, context.Device);
        using var x = LayerCalls.Input(layer, inputs);
        var (actual, seconds) = LayerCalls.TimedForward(layer, x);

        string outliers = $"outlier columns found by the oracle: {expected.OutlierColumns.Length} ({inputs.PlantedColumns.Length} planted at {OracleData.PlantedScale}x)";
        string timing = $"layer Forward {Formatting.Seconds(seconds)} ({Formatting.Rate(2 * shape.MultiplyAdds, seconds)}; {LayerCalls.TimingNote(layer.Device)})";
        var outcome = Comparison.Outcome([("y", Comparison.Forward(actual, expected))], seconds, outliers, timing);
        if (policy.Decomposes && expected.OutlierColumns.Length == 0)
        {
            // The planted columns must exercise the decomposition, as QuantDsl.Tests asserts.
            return outcome with { Passed = false, Message = outcome.Message + Environment.NewLine + "no outlier column crossed the threshold: the decomposition was not exercised" };
        }

        return outcome;
    }
}
