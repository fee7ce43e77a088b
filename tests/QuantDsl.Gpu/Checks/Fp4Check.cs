using QuantDsl.Gpu.Layers;
using QuantDsl.Oracle;

namespace QuantDsl.Gpu.Checks;

/// <summary>
/// [Fp4Train] forward and backward on the device against <see cref="Fp4Reference"/>, element by element, for the
/// three attribute variants, with the error bounds of the CI tests (float32 sums; the DGE factor's float32 evaluation).
/// </summary>
public static class Fp4Check
{
    /// <summary>The variants checked.</summary>
    public static readonly string[] Variants = ["default", "direct", "options"];

    /// <summary>The check of <paramref name="variant"/> at <paramref name="shape"/>.</summary>
    public static Check Create(string variant, Shape shape) =>
        new($"fp4/{variant}/{shape.Name}", shape, context => Run(context, variant, shape));

    private static CheckOutcome Run(HarnessContext context, string variant, Shape shape)
    {
        int tokens = shape.Tokens, inFeatures = shape.InFeatures, outFeatures = shape.OutFeatures;
        var inputs = Inputs.WithOutlierColumns(tokens, inFeatures, outFeatures, columns: 6, scale: 15f, seed: 41);
        var dyValues = Inputs.Normal(tokens * outFeatures, seed: 42);
        var (layer, options) = Create(variant, inFeatures, outFeatures);
        using (layer)
        {
            layer.Weight.Value.CopyFrom(inputs.W);
            layer.Bias!.Value.CopyFrom(inputs.Bias);
            layer.MoveTo(context.Device);
            using var x = Tensor.FromArray(layer.Device, inputs.X, tokens, inFeatures);
            using var dy = Tensor.FromArray(layer.Device, dyValues, tokens, outFeatures);
            var (y, forwardSeconds) = LayerCalls.TimedForward(layer, x);
            var (dx, backwardSeconds) = LayerCalls.TimedBackward(layer, x, dy);
            float[] dw = layer.Weight.Grad!.ToArray();
            float[] db = layer.Bias.Grad!.ToArray();

            context.Log.Line($"  fp4/{variant}/{shape.Name}: oracle …");
            var forward = Fp4Reference.Forward(inputs.X, inputs.W, inputs.Bias, tokens, inFeatures, outFeatures, options);
            var backward = Fp4Reference.Backward(dyValues, inputs.W, forward, tokens, inFeatures, outFeatures, options);
            double dge = options.Dge ? Tolerance.DgeFactor(options.DgeK, options.DgeClip) : 0;
            var dbMagnitude = new double[outFeatures];
            for (int t = 0; t < tokens; t++)
            {
                for (int o = 0; o < outFeatures; o++)
                {
                    dbMagnitude[o] += Math.Abs(dyValues[(t * outFeatures) + o]);
                }
            }

            var reports = new (string What, ToleranceReport Report)[]
            {
                ("y", Tolerance.Check(y, forward.Y, i => Tolerance.Fp32Sum(inFeatures, forward.Magnitude[i]))),
                ("dX", Tolerance.Check(dx, backward.Dx, i => Tolerance.Fp32Sum(outFeatures, backward.DxMagnitude[i]))),
                ("dW", Tolerance.Check(dw, backward.Dw, i => Tolerance.Fp32Sum(tokens, backward.DwMagnitude[i]) + (dge * backward.DwMagnitude[i]))),
                ("db", Tolerance.Check(db, backward.Db, i => Tolerance.Fp32Sum(tokens, dbMagnitude[i]))),
            };
            bool passed = reports.All(r => r.Report.Violations == 0);
            double worst = reports.Max(r => r.Report.WorstRatio);
            string message = string.Join("\n", reports.Select(r => $"{r.What}: {r.Report}"))
                + $"\nForward {Formatting.Seconds(forwardSeconds)} ({Formatting.Rate(2 * shape.MultiplyAdds, forwardSeconds)}), "
                + $"backward {Formatting.Seconds(backwardSeconds)} ({Formatting.Rate(4 * shape.MultiplyAdds, backwardSeconds)}); {LayerCalls.TimingNote(layer.Device)}";
            return new CheckOutcome(passed, worst, forwardSeconds, message);
        }
    }

    private static (QuantLinear Layer, Fp4Options Options) Create(string variant, int inFeatures, int outFeatures) => variant switch
    {
        "default" => (new Fp4Layer(inFeatures, outFeatures), new Fp4Options()),
        "direct" => (new Fp4DirectCastLayer(inFeatures, outFeatures), new Fp4Options { Dge = false, Clamp = false }),
        _ => (new Fp4OptionsLayer(inFeatures, outFeatures), new Fp4Options
        {
            PowerOfTwoScale = true, CompensateWithQuantizedWeight = true, OutputGradient = "Bf16", DgeK = 3, ClampQuantile = 0.97,
        }),
    };
}
