namespace QuantDsl.Gpu;

/// <summary>
/// Keeps the oracle data of the shape being checked. Checks come grouped by shape, so holding one shape
/// at a time reuses every oracle result within a group and frees the gigabytes of a 4096³ group after it.
/// </summary>
public sealed class OracleCache(Log log)
{
    private OracleData? current;

    /// <summary>The data of <paramref name="shape"/>, reusing what was computed while the last check had the same shape.</summary>
    public OracleData For(Shape shape)
    {
        if (current is null || current.Shape != shape)
        {
            current = new OracleData(shape, log); // computes lazily: the previous shape's arrays are already unreferenced
        }

        return current;
    }
}
