using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ILGPU;

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

    /// <summary>
    /// Vector <paramref name="v"/> of the row that starts at vector <paramref name="row"/>, or zeros past the row's end
    /// (<paramref name="perRow"/> vectors): zero codes add nothing to a dot product.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static WeightVector LoadOrZero(ArrayView<WeightVector> source, long row, int v, int perRow) =>
        v < perRow ? source[row + v] : default;
}
