using QuantDsl.Oracle;

namespace QuantDsl.Gpu.Checks;

/// <summary>
/// The element-wise comparisons of QuantDsl.Tests, on whole tensors: <see cref="Tolerance.Check"/> with the
/// float32 bound of each element computed from the oracle's Σ|terms| of that element.
/// </summary>
public static class Comparison
{
    /// <summary>LLM.int8 output against <see cref="Int8Reference.Forward"/>.</summary>
    public static ToleranceReport Forward(float[] actual, Int8ForwardResult expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return Tolerance.Check(actual, expected.Y, i => Tolerance.Int8Output(expected.OutlierColumns.Length, expected.Magnitude[i]));
    }

    /// <summary>dX against <see cref="Int8Reference.Backward"/>: a float32 sum over the output features.</summary>
    public static ToleranceReport InputGradient(float[] actual, Int8BackwardResult expected, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return Tolerance.Check(actual, expected.Dx, i => Tolerance.Fp32Sum(shape.OutFeatures, expected.DxMagnitude[i]));
    }

    /// <summary>dW against <see cref="Int8Reference.Backward"/>: a float32 sum over the tokens.</summary>
    public static ToleranceReport WeightGradient(float[] actual, Int8BackwardResult expected, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return Tolerance.Check(actual, expected.Dw, i => Tolerance.Fp32Sum(shape.Tokens, expected.DwMagnitude[i]));
    }

    /// <summary>db against <see cref="Int8Reference.Backward"/>: a float32 sum over the tokens.</summary>
    public static ToleranceReport BiasGradient(float[] actual, Int8BackwardResult expected, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return Tolerance.Check(actual, expected.Db, i => Tolerance.Fp32Sum(shape.Tokens, expected.DbMagnitude[i]));
    }

    /// <summary>dX, dW and db of <paramref name="layer"/>'s last backward against the oracle, one labelled report each.</summary>
    public static IReadOnlyList<(string Label, ToleranceReport Report)> Backward(
        QuantLinear layer, float[] dx, Int8BackwardResult expected, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var weightGrad = layer.Weight.Grad ?? throw new InvalidOperationException("Backward left Weight.Grad null although the weight requires a gradient.");
        var biasGrad = layer.Bias?.Grad ?? throw new InvalidOperationException("Backward left Bias.Grad null although the bias requires a gradient.");
        return
        [
            ("dX", InputGradient(dx, expected, shape)),
            ("dW", WeightGradient(weightGrad.ToArray(), expected, shape)),
            ("db", BiasGradient(biasGrad.ToArray(), expected, shape)),
        ];
    }

    /// <summary>One outcome from several labelled reports: passed when all passed, the worst ratio of all.</summary>
    public static CheckOutcome Outcome(IEnumerable<(string Label, ToleranceReport Report)> reports, double? layerSeconds, params string[] notes)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var list = reports.ToList();
        var lines = list.Select(r => $"{r.Label}: {r.Report}").Concat(notes);
        return new CheckOutcome(
            list.All(r => r.Report.Passed),
            list.Count == 0 ? null : list.Max(r => r.Report.WorstRatio),
            layerSeconds,
            string.Join(Environment.NewLine, lines));
    }
}
