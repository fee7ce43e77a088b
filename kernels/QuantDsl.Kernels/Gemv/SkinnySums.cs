namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// One lane's accumulators in a <see cref="SkinnyMmaGemm{TWeights}"/> warp: each of the four 16-channel tiles against
/// tokens 0–7 (N0) and 8–15 (N1).
/// </summary>
public struct SkinnySums
{
    /// <summary>Tile 0, tokens 0–7.</summary>
    public Tf32Accumulator Tile0N0;

    /// <summary>Tile 0, tokens 8–15.</summary>
    public Tf32Accumulator Tile0N1;

    /// <summary>Tile 1, tokens 0–7.</summary>
    public Tf32Accumulator Tile1N0;

    /// <summary>Tile 1, tokens 8–15.</summary>
    public Tf32Accumulator Tile1N1;

    /// <summary>Tile 2, tokens 0–7.</summary>
    public Tf32Accumulator Tile2N0;

    /// <summary>Tile 2, tokens 8–15.</summary>
    public Tf32Accumulator Tile2N1;

    /// <summary>Tile 3, tokens 0–7.</summary>
    public Tf32Accumulator Tile3N0;

    /// <summary>Tile 3, tokens 8–15.</summary>
    public Tf32Accumulator Tile3N1;
}
