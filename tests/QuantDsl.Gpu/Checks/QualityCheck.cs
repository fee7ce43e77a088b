using QuantDsl.Oracle;

namespace QuantDsl.Gpu.Checks;

/// <summary>
/// The claim of LLM.int8 (ALGORITHMS.md §2): with outlier features present, the decomposition keeps the
/// output close to full precision while plain vector-wise int8 (threshold 0) is several times worse.
/// Measured on the device's outputs against <see cref="FullPrecision.Forward"/>.
/// </summary>
public static class QualityCheck
{
    /// <summary>Largest relative error ‖y − y_fp‖/‖y_fp‖ allowed for the decomposing policies.</summary>
    public const double MaxRelativeError = 0.02;

    /// <summary>How many times larger the vector-wise error must be than the default policy's.</summary>
    public const double MinVectorWiseFactor = 3;

    /// <summary>The check at <paramref name="shape"/>.</summary>
    public static Check Create(Shape shape) => new($"quality/{shape.Name}", shape, context => Run(context, shape));

    private static CheckOutcome Run(HarnessContext context, Shape shape)
    {
        var data = context.Oracle.For(shape);
        var inputs = data.Inputs;
        double[] reference = data.FullPrecisionOutput;

        double defaultSeconds = 0;
        var errors = new Dictionary<LayerPolicy, double>();
        foreach (var policy in new[] { LayerPolicy.Default, LayerPolicy.Int8OutlierWeights, LayerPolicy.VectorWise })
        {
            using var layer = LayerCalls.Create(policy, inputs, context.Device);
            using var x = LayerCalls.Input(layer, inputs);
            var (y, seconds) = LayerCalls.TimedForward(layer, x);
            errors[policy] = Metrics.RelativeError<float>(y, reference);
            if (policy == LayerPolicy.Default)
            {
                defaultSeconds = seconds;
            }
        }

        double llmInt8 = errors[LayerPolicy.Default];
        double int8Weights = errors[LayerPolicy.Int8OutlierWeights];
        double vectorWise = errors[LayerPolicy.VectorWise];
        double factor = vectorWise / Math.Max(llmInt8, double.Epsilon);
        double[] ratios = [llmInt8 / MaxRelativeError, int8Weights / MaxRelativeError, MinVectorWiseFactor / factor];
        bool passed = ratios.All(r => r <= 1);
        string message = string.Join(
            Environment.NewLine,
            $"relative error vs full precision, {inputs.PlantedColumns.Length} outlier columns planted at {OracleData.PlantedScale}x:",
            $"  {LayerPolicy.Default.Name}: {Formatting.Percent(llmInt8)} (must be <= {Formatting.Percent(MaxRelativeError)})",
            $"  {LayerPolicy.Int8OutlierWeights.Name}: {Formatting.Percent(int8Weights)} (must be <= {Formatting.Percent(MaxRelativeError)})",
            $"  {LayerPolicy.VectorWise.Name}: {Formatting.Percent(vectorWise)} = {factor:F1}x {LayerPolicy.Default.Name} (must be >= {MinVectorWiseFactor}x)");
        return new CheckOutcome(passed, ratios.Max(), defaultSeconds, message);
    }
}
