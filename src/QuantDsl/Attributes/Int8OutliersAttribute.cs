namespace QuantDsl;

/// <summary>
/// LLM.int8() (Dettmers et al., 2022): vector-wise int8 — one absmax scale per token and per output
/// channel, int32 accumulation — with mixed-precision decomposition: input columns holding any
/// |x| ≥ <see cref="Threshold"/> in the current call are multiplied in full precision instead.
/// Backward: dX against the dequantized weight; dW in full precision.
/// Apply to a <c>partial</c> class deriving from <see cref="QuantLinear"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class Int8OutliersAttribute : QuantizationAttribute
{
    /// <summary>
    /// Magnitude at which an input column becomes an outlier column (default 6.0, the paper's value).
    /// 0 disables the decomposition (plain vector-wise int8). Must be finite and ≥ 0.
    /// </summary>
    public float Threshold { get; set; } = 6f;

    /// <summary>
    /// Multiply outlier columns by the dequantized int8 weight, as bitsandbytes does, instead of the
    /// full-precision weight of the paper (default false).
    /// </summary>
    public bool OutlierWeightsFromInt8 { get; set; }
}
