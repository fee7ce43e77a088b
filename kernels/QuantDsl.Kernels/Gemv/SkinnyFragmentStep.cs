using System.Runtime.CompilerServices;
using ILGPU;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// One lane's loads of one <see cref="Int8MmaSkinny"/> step: <see cref="Int8MmaSkinny.VectorsPerStep"/> 16-byte vectors of
/// each of its two rows (weight rows g and g + 8, or tokens g and g + 8), four vectors apart. A named value, so the
/// pipelined kernel can hold the next step's weights while it multiplies the current one.
/// </summary>
internal struct SkinnyFragmentStep
{
    public WeightVector Low0;
    public WeightVector Low1;
    public WeightVector Low2;
    public WeightVector Low3;
    public WeightVector High0;
    public WeightVector High1;
    public WeightVector High2;
    public WeightVector High3;

    /// <summary>
    /// Vectors <paramref name="v"/>, +4, +8, +12 of the rows starting at vectors <paramref name="low"/> and
    /// <paramref name="high"/>; zeros past the row's end (<paramref name="perRow"/> vectors).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SkinnyFragmentStep Load(ArrayView<WeightVector> source, long low, long high, int v, int perRow) => new()
    {
        Low0 = WeightVector.LoadOrZero(source, low, v, perRow),
        High0 = WeightVector.LoadOrZero(source, high, v, perRow),
        Low1 = WeightVector.LoadOrZero(source, low, v + 4, perRow),
        High1 = WeightVector.LoadOrZero(source, high, v + 4, perRow),
        Low2 = WeightVector.LoadOrZero(source, low, v + 8, perRow),
        High2 = WeightVector.LoadOrZero(source, high, v + 8, perRow),
        Low3 = WeightVector.LoadOrZero(source, low, v + 12, perRow),
        High3 = WeightVector.LoadOrZero(source, high, v + 12, perRow),
    };
}
