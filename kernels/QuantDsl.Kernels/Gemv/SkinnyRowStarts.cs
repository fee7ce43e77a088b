using System.Runtime.CompilerServices;
using ILGPU;
using QuantDsl.Kernels.Gemm;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// Where lane group g of an <see cref="Int8MmaSkinny"/> block reads: the first vectors of its weight rows (channels g and
/// g + 8 of the block) and of its tokens (g and g + 8), rows past the last channel or token clamped to the last one
/// (their products land only in outputs that are not stored).
/// </summary>
internal readonly struct SkinnyRowStarts
{
    public readonly long WeightLow;
    public readonly long WeightHigh;
    public readonly long TokenLow;
    public readonly long TokenHigh;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SkinnyRowStarts(Int8MmaOperands gemm, int channel0, int g, int perRow)
    {
        WeightLow = (long)IntrinsicMath.Min(channel0 + g, gemm.Cols - 1) * perRow;
        WeightHigh = (long)IntrinsicMath.Min(channel0 + g + 8, gemm.Cols - 1) * perRow;
        TokenLow = (long)IntrinsicMath.Min(g, gemm.Rows - 1) * perRow;
        TokenHigh = (long)IntrinsicMath.Min(g + 8, gemm.Rows - 1) * perRow;
    }
}
