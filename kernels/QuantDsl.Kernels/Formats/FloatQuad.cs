namespace QuantDsl.Kernels.Formats;

/// <summary>
/// Four consecutive fp32 values read as one 16-byte load through <c>ArrayView&lt;float&gt;.Cast</c> (ILGPU emits
/// <c>ld.global.v4</c> for a 16-byte struct, as for <see cref="Gemv.WeightVector"/>): a row pass then keeps four loads'
/// worth of bytes in flight per instruction.
/// </summary>
public struct FloatQuad
{
    /// <summary>The value at the lowest column.</summary>
    public float X;

    /// <summary>The next column.</summary>
    public float Y;

    /// <summary>The column after that.</summary>
    public float Z;

    /// <summary>The highest column.</summary>
    public float W;
}
