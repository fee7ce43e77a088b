namespace QuantDsl.Runtime;

/// <summary>
/// The outlier columns of one weight version, gathered into [rows × t] for the CPU epilogue, and which columns they are.
/// LLM.int8's outlier features sit in the same few hidden dimensions call after call, so the gather usually runs once
/// per weight version, not once per forward.
/// </summary>
internal sealed class GatheredOutlierColumns
{
    private int[]? indices;

    // The gathered values, [rows × t] (the array may be longer).
    private float[] values = [];

    /// <summary>Forgets the columns (the weight changed); the storage is kept for the next gather.</summary>
    public void Invalidate() => indices = null;

    /// <summary>
    /// The values of columns <paramref name="outliers"/>: the cached ones when they are these columns, otherwise
    /// <paramref name="gather"/> refills storage of at least <paramref name="length"/> floats first.
    /// </summary>
    public float[] For(int[] outliers, int length, Action<float[]> gather)
    {
        if (indices is not null && indices.AsSpan().SequenceEqual(outliers))
        {
            return values;
        }

        if (values.Length < length)
        {
            values = new float[length];
        }

        // Forgotten first, so a gather that throws leaves nothing that claims to be current.
        indices = null;
        gather(values);
        indices = (int[])outliers.Clone();
        return values;
    }
}
