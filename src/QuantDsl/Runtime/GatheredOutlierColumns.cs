namespace QuantDsl.Runtime;

/// <summary>
/// The outlier columns of one weight version, gathered into [rows × t] for the CPU epilogue, and which columns they are.
/// LLM.int8's outlier features sit in the same few hidden dimensions call after call, so the gather usually runs once
/// per weight version, not once per forward.
/// </summary>
internal sealed class GatheredOutlierColumns
{
    private int[]? indices;

    /// <summary>The gathered values, <c>[rows × t]</c> (may be longer than that).</summary>
    public float[] Values { get; private set; } = [];

    /// <summary>Whether <see cref="Values"/> holds exactly these columns.</summary>
    public bool Holds(int[] outliers) => indices is not null && indices.AsSpan().SequenceEqual(outliers);

    /// <summary>Forgets the columns (the weight changed); the storage is kept for the next gather.</summary>
    public void Invalidate() => indices = null;

    /// <summary>Runs <paramref name="gather"/> into storage of at least <paramref name="length"/> floats and records <paramref name="outliers"/>.</summary>
    public void Refill(int[] outliers, int length, Action<float[]> gather)
    {
        if (Values.Length < length)
        {
            Values = new float[length];
        }

        indices = null;
        gather(Values);
        indices = (int[])outliers.Clone();
    }
}
