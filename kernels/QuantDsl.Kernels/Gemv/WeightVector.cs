using System.Runtime.InteropServices;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// Four consecutive packed weight words, the 16 bytes one GEMV lane loads at a time: read through a view asserted
/// 16-byte aligned, ILGPU's PTX backend emits one <c>ld.global.v4.u32</c> for it instead of four 32-bit loads.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct WeightVector
{
    /// <summary>Word 0 (the lowest k).</summary>
    public int X;

    /// <summary>Word 1.</summary>
    public int Y;

    /// <summary>Word 2.</summary>
    public int Z;

    /// <summary>Word 3 (the highest k).</summary>
    public int W;
}
