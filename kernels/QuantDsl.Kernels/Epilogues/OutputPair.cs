namespace QuantDsl.Kernels.Epilogues;

/// <summary>
/// Two adjacent fp32 outputs, written as one 8-byte store through <c>ArrayView&lt;float&gt;.Cast</c> (ILGPU emits a
/// vector store for an 8-byte struct): a warp's pair stores then fill whole 32-byte sectors of each output row.
/// </summary>
/// <param name="first">Output at the even column.</param>
/// <param name="second">Output at the next column.</param>
public readonly struct OutputPair(float first, float second)
{
    /// <summary>Output at the even column.</summary>
    public float First { get; } = first;

    /// <summary>Output at the next column.</summary>
    public float Second { get; } = second;
}
