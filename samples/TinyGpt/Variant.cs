using QuantDsl.Training;

namespace TinyGptSample;

/// <summary>One way to build the model's linear layers; everything else about a run is shared.</summary>
/// <param name="Name">Command-line name.</param>
/// <param name="Description">What it is, for the table.</param>
/// <param name="Linear">The factory of the blocks' linear layers.</param>
internal sealed record Variant(string Name, string Description, LinearFactory Linear)
{
    /// <summary>Every variant, the baseline first. This is the one place that maps a variant to its layers.</summary>
    public static IReadOnlyList<Variant> All { get; } =
    [
        new("fp32", "full precision (baseline)", (_, i, o, bias, seed) => new FullPrecisionLinear(i, o, bias, seed)),
        new("fp4", "[Fp4Train] DGE + OCC", (_, i, o, bias, seed) => new Fp4Linear(i, o, bias, seed)),
        new("fp4-direct", "[Fp4Train(Dge = false, Clamp = false)] direct cast", (_, i, o, bias, seed) => new Fp4DirectCastLinear(i, o, bias, seed)),
        new("fp4-bf16grad", "[Fp4Train(OutputGradient = Bf16)] ablation", (_, i, o, bias, seed) => new Fp4Bf16GradientLinear(i, o, bias, seed)),
        new("fp4-q999", "[Fp4Train(ClampQuantile = 0.999)] ablation", (_, i, o, bias, seed) => new Fp4WideClampLinear(i, o, bias, seed)),
        new("fp4-q97", "[Fp4Train(ClampQuantile = 0.97)] ablation", (_, i, o, bias, seed) => new Fp4TightClampLinear(i, o, bias, seed)),
        new("fp4-q97-bf16grad", "[Fp4Train(ClampQuantile = 0.97, OutputGradient = Bf16)]", (_, i, o, bias, seed) => new Fp4TightClampBf16GradientLinear(i, o, bias, seed)),
        new("fp4-ste", "[Fp4Train(Dge = false)] ablation (STE weights, OCC on)", (_, i, o, bias, seed) => new Fp4StraightThroughLinear(i, o, bias, seed)),
        new("fp4-k3", "[Fp4Train(DgeK = 3)] ablation (softer DGE)", (_, i, o, bias, seed) => new Fp4SoftDgeLinear(i, o, bias, seed)),
    ];

    /// <summary>The variant named <paramref name="name"/>.</summary>
    public static Variant Find(string name) =>
        All.FirstOrDefault(v => v.Name == name)
        ?? throw new ArgumentException($"Unknown variant '{name}'; known: {string.Join(", ", All.Select(v => v.Name))}.");
}
