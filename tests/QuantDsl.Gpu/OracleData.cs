using System.Diagnostics;
using QuantDsl.Oracle;

namespace QuantDsl.Gpu;

/// <summary>
/// The inputs of one shape and the oracle's answers for them, each computed on first use (over all cores)
/// and kept for the other checks of that shape. Long steps print their progress.
/// </summary>
public sealed class OracleData
{
    /// <summary>Outlier feature columns planted in X, and their scale: the systematic outliers LLM.int8 targets.</summary>
    public const int PlantedColumns = 6;

    /// <summary>Scale of the planted columns (N(0, 1) · 20 crosses the threshold 6 in most rows).</summary>
    public const float PlantedScale = 20f;

    private const int InputSeed = 11;
    private const int OutputGradientSeed = 17;

    private readonly Log log;
    private readonly Dictionary<string, Int8ForwardResult> forward = new(StringComparer.Ordinal);
    private LayerInputs? inputs;
    private float[]? outputGradient;
    private Int8BackwardResult? backward;
    private double[]? fullPrecision;

    /// <summary>Data for <paramref name="shape"/>; nothing is computed yet.</summary>
    public OracleData(Shape shape, Log log)
    {
        Shape = shape;
        this.log = log;
    }

    /// <summary>The shape.</summary>
    public Shape Shape { get; }

    /// <summary>X with planted outlier columns, W and bias (seeded, so every run sees the same data).</summary>
    public LayerInputs Inputs => inputs ??= Step(
        "inputs",
        () => QuantDsl.Oracle.Inputs.WithOutlierColumns(
            Shape.Tokens, Shape.InFeatures, Shape.OutFeatures, Math.Min(PlantedColumns, (Shape.InFeatures / 8) + 1), PlantedScale, InputSeed));

    /// <summary>dY ~ N(0, 1) [tokens × out] for the backward checks.</summary>
    public float[] OutputGradient => outputGradient ??= Step(
        "output gradient dy",
        () => QuantDsl.Oracle.Inputs.Normal(Shape.Tokens * Shape.OutFeatures, OutputGradientSeed));

    /// <summary>The full-precision output X·Wᵀ + b (double), the yardstick of quantization error.</summary>
    public double[] FullPrecisionOutput
    {
        get
        {
            if (fullPrecision is null)
            {
                var data = Inputs; // before the step, so that progress lines do not nest
                fullPrecision = Step(
                    "oracle full-precision forward",
                    () => FullPrecision.Forward(data.X, data.W, data.Bias, Shape.Tokens, Shape.InFeatures, Shape.OutFeatures, parallel: true));
            }

            return fullPrecision;
        }
    }

    /// <summary>The oracle's backward: dX against the dequantized int8 weight, dW and db in full precision (the same for every policy).</summary>
    public Int8BackwardResult Backward
    {
        get
        {
            if (backward is null)
            {
                var data = Inputs;
                float[] dy = OutputGradient;
                backward = Step(
                    "oracle backward",
                    () => Int8Reference.Backward(data.X, data.W, dy, Shape.Tokens, Shape.InFeatures, Shape.OutFeatures, parallel: true));
            }

            return backward;
        }
    }

    /// <summary>The oracle's forward under <paramref name="policy"/>.</summary>
    public Int8ForwardResult Forward(LayerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!forward.TryGetValue(policy.Name, out var result))
        {
            var data = Inputs;
            result = Step(
                $"oracle forward {policy.Name}",
                () => Int8Reference.Forward(
                    data.X, data.W, data.Bias, Shape.Tokens, Shape.InFeatures, Shape.OutFeatures, policy.Threshold, policy.OutlierWeightsFromInt8, parallel: true));
            forward[policy.Name] = result;
        }

        return result;
    }

    private T Step<T>(string what, Func<T> compute)
    {
        log.Start($"    {what} {Shape} ... ");
        var stopwatch = Stopwatch.StartNew();
        T result = compute();
        log.Line(Formatting.Seconds(stopwatch.Elapsed.TotalSeconds));
        return result;
    }
}
