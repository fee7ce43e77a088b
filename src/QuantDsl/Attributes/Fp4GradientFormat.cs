namespace QuantDsl;

/// <summary>The precision of the output gradient dY in the backward GEMMs of an <see cref="Fp4TrainAttribute"/> layer.</summary>
public enum Fp4GradientFormat
{
    /// <summary>Emulated FP8 E5M2 with one power-of-two scale per tensor (MS-AMP's choice; the default).</summary>
    E5M2 = 0,

    /// <summary>bfloat16 rounding.</summary>
    Bf16 = 1,

    /// <summary>float32, unrounded (for ablations).</summary>
    Fp32 = 2,
}
