namespace QuantDsl.Oracle;

/// <summary>The knobs of FP4 training (ALGORITHMS.md §1), as the oracle reads them; defaults are the paper's.</summary>
public sealed record Fp4Options
{
    /// <summary>DGE on the weight gradient (false: straight-through).</summary>
    public bool Dge { get; init; } = true;

    /// <summary>DGE sharpness k.</summary>
    public double DgeK { get; init; } = 5;

    /// <summary>DGE derivative clip.</summary>
    public double DgeClip { get; init; } = 3;

    /// <summary>Per-token clamping to the quantiles (OCC).</summary>
    public bool Clamp { get; init; } = true;

    /// <summary>OCC quantile α.</summary>
    public double ClampQuantile { get; init; } = 0.99;

    /// <summary>Add ΔX·W back (with clamping).</summary>
    public bool Compensate { get; init; } = true;

    /// <summary>Compensate with Q(W) instead of W.</summary>
    public bool CompensateWithQuantizedWeight { get; init; }

    /// <summary>Scales rounded down to powers of two.</summary>
    public bool PowerOfTwoScale { get; init; }

    /// <summary>Output-gradient format: "E5M2", "Bf16" or "Fp32".</summary>
    public string OutputGradient { get; init; } = "E5M2";
}
