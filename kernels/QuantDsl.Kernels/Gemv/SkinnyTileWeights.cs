namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// One lane's weight vectors for one K block of a <see cref="SkinnyMmaGemm{TWeights}"/> warp: rows g and g + 8 of each
/// of the warp's four 16-channel tiles.
/// </summary>
public struct SkinnyTileWeights
{
    /// <summary>Tile 0, row g.</summary>
    public WeightVector Tile0Low;

    /// <summary>Tile 0, row g + 8.</summary>
    public WeightVector Tile0High;

    /// <summary>Tile 1, row g.</summary>
    public WeightVector Tile1Low;

    /// <summary>Tile 1, row g + 8.</summary>
    public WeightVector Tile1High;

    /// <summary>Tile 2, row g.</summary>
    public WeightVector Tile2Low;

    /// <summary>Tile 2, row g + 8.</summary>
    public WeightVector Tile2High;

    /// <summary>Tile 3, row g.</summary>
    public WeightVector Tile3Low;

    /// <summary>Tile 3, row g + 8.</summary>
    public WeightVector Tile3High;
}
