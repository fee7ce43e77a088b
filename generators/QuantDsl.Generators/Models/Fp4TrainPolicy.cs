using QuantDsl.Generators.Helpers;

namespace QuantDsl.Generators.Models;

/// <summary>[Fp4Train]: FP4 training with its DGE, OCC, scaling and gradient-format choices.</summary>
internal sealed record Fp4TrainPolicy(
    bool Dge,
    int DgeK,
    float DgeClip,
    bool Clamp,
    float ClampQuantile,
    bool Compensate,
    bool CompensateWithQuantizedWeight,
    bool PowerOfTwoScale,
    int OutputGradient,
    GemmPlan Gemm) : PolicyModel
{
    /// <summary>The names of QuantDsl.Fp4GradientFormat, by value.</summary>
    public static readonly string[] GradientFormats = { "E5M2", "Bf16", "Fp32" };

    /// <summary>Whether the residual term runs (clamping on and compensation on).</summary>
    public bool AddsResidual => Clamp && Compensate;

    /// <summary>The output-gradient format's name.</summary>
    public string GradientFormat => OutputGradient >= 0 && OutputGradient < GradientFormats.Length ? GradientFormats[OutputGradient] : "E5M2";

    public override string Describe() =>
        $"[Fp4Train(Dge = {Literals.Bool(Dge)}, DgeK = {DgeK}, DgeClip = {Literals.Number(DgeClip)}, Clamp = {Literals.Bool(Clamp)}, "
        + $"ClampQuantile = {Literals.Number(ClampQuantile)}, Compensate = {Literals.Bool(Compensate)}, "
        + $"CompensateWithQuantizedWeight = {Literals.Bool(CompensateWithQuantizedWeight)}, PowerOfTwoScale = {Literals.Bool(PowerOfTwoScale)}, "
        + $"OutputGradient = Fp4GradientFormat.{GradientFormat})]";
}
