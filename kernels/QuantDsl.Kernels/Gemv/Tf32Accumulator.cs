namespace QuantDsl.Kernels.Gemv;

/// <summary>One lane's four fp32 accumulators of an m16n8 <see cref="Tf32Mma"/> tile (layout on that type).</summary>
public struct Tf32Accumulator
{
    /// <summary>Row g, column 2t.</summary>
    public float C0;

    /// <summary>Row g, column 2t + 1.</summary>
    public float C1;

    /// <summary>Row g + 8, column 2t.</summary>
    public float C2;

    /// <summary>Row g + 8, column 2t + 1.</summary>
    public float C3;
}
