namespace QuantDsl;

/// <summary>
/// FP4 (E2M1) training (Wang et al., 2025; ALGORITHMS.md §1): every GEMM of the layer runs on FP4 operands
/// (per-token activation and per-output-channel weight absmax scaling), exactly, on the int8 GEMM core (doubled
/// E2M1 values are integers). The weight gradient uses the differentiable gradient estimator (DGE); activations
/// go through outlier clamping and compensation (OCC); the output gradient is rounded to emulated FP8 E5M2.
/// The defaults are the paper's; <c>[Fp4Train(Dge = false, Clamp = false)]</c> is the direct-cast ablation.
/// </summary>
/// <example>
/// <code>
/// [Fp4Train]
/// public sealed partial class Fp4Linear : QuantLinear { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class Fp4TrainAttribute : QuantizationAttribute
{
    /// <summary>Use the DGE correction <c>f′(W·γ)</c> on the weight gradient (default true); false gives the straight-through estimator.</summary>
    public bool Dge { get; set; } = true;

    /// <summary>DGE sharpness k, an integer &gt; 1 (default 5, the paper's best of 3, 5, 10).</summary>
    public int DgeK { get; set; } = 5;

    /// <summary>Upper clip of the DGE derivative, &gt; 0 (default 3, the paper's).</summary>
    public float DgeClip { get; set; } = 3f;

    /// <summary>Clamp each token to its <see cref="ClampQuantile"/> quantiles before quantizing (OCC; default true).</summary>
    public bool Clamp { get; set; } = true;

    /// <summary>OCC quantile α in (0.5, 1): a token is clamped to its α and 1−α order statistics (default 0.99).</summary>
    public float ClampQuantile { get; set; } = 0.99f;

    /// <summary>Add the clamped-off residual back in high precision, <c>ΔX·Wᵀ</c> (default true; needs <see cref="Clamp"/>).</summary>
    public bool Compensate { get; set; } = true;

    /// <summary>Multiply the residual by the quantized weight instead of the fp32 weight (MS-AMP's research branch; default false, the paper's equation).</summary>
    public bool CompensateWithQuantizedWeight { get; set; }

    /// <summary>Round each scale γ = 6/absmax down to a power of two, as MS-AMP upstream (default false: exact, as the paper).</summary>
    public bool PowerOfTwoScale { get; set; }

    /// <summary>Precision of the output gradient in the backward GEMMs (default <see cref="Fp4GradientFormat.E5M2"/>).</summary>
    public Fp4GradientFormat OutputGradient { get; set; } = Fp4GradientFormat.E5M2;
}
