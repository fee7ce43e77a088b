namespace QuantDsl.Oracle;

/// <summary>What <see cref="Int8Reference.Forward"/> computed.</summary>
/// <param name="Y">The output [tokens × out].</param>
/// <param name="Magnitude">Σ of |terms| of each output (dequantized product, outlier terms, bias): scales its float32 error bound.</param>
/// <param name="Accumulators">The exact int32 sums of the int8 product.</param>
/// <param name="OutlierColumns">This call's outlier columns, ascending.</param>
/// <param name="XCodes">Activation codes [tokens × in] (outlier columns 0).</param>
/// <param name="XAbsMax">Per-token absmax over non-outlier columns.</param>
/// <param name="WCodes">Weight codes [out × in].</param>
/// <param name="WAbsMax">Per-output-channel absmax.</param>
public sealed record Int8ForwardResult(
    double[] Y,
    double[] Magnitude,
    int[] Accumulators,
    int[] OutlierColumns,
    sbyte[] XCodes,
    float[] XAbsMax,
    sbyte[] WCodes,
    float[] WAbsMax);
