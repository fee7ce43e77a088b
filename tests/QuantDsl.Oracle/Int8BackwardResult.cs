namespace QuantDsl.Oracle;

/// <summary>What <see cref="Int8Reference.Backward"/> computed, each with Σ|terms| per element.</summary>
public sealed record Int8BackwardResult(
    double[] Dx,
    double[] DxMagnitude,
    double[] Dw,
    double[] DwMagnitude,
    double[] Db,
    double[] DbMagnitude);
