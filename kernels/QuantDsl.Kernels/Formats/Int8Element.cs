using ILGPU;

namespace QuantDsl.Kernels.Formats;

/// <summary>
/// What one activation element contributes to a vector-wise int8 row quantization with LLM.int8's outlier columns left
/// out (device code): to the NaN/±∞ count, to the row absmax, and its code. The caller decides whether the element's
/// column is an outlier (<see cref="RowQuantizer"/> from the marked column flags; a one-row kernel can test
/// |x| ≥ threshold directly), so every quantizer of outlier-excluded rows codes the same bits.
/// </summary>
internal static class Int8Element
{
    /// <summary>1 when <paramref name="value"/> is NaN or ±∞ (such values are counted and left out of the absmax), else 0.</summary>
    /// <param name="value">The element.</param>
    public static int NonFinite(float value) => Int8Format.IsNonFinite(value) ? 1 : 0;

    /// <summary>
    /// What the element adds to the row absmax: |value|, or nothing (0) for NaN/±∞ (counted instead) and outlier columns.
    /// </summary>
    /// <param name="value">The element.</param>
    /// <param name="isOutlier">Whether its column is an outlier column (left out of the int8 part).</param>
    public static float Magnitude(float value, bool isOutlier) =>
        Int8Format.IsNonFinite(value) || isOutlier ? 0f : IntrinsicMath.Abs(value);

    /// <summary>The element's int8 code at <paramref name="scale"/> (<see cref="Int8Format.Quantize"/>); 0 in an outlier column.</summary>
    /// <param name="value">The element.</param>
    /// <param name="isOutlier">Whether its column is an outlier column.</param>
    /// <param name="scale">The row's <see cref="Int8Format.QuantScale"/>.</param>
    public static int Code(float value, bool isOutlier, float scale) => isOutlier ? 0 : Int8Format.Quantize(value, scale);
}
