namespace QuantDsl.Kernels.Epilogues;

/// <summary>
/// How <see cref="Int8OutlierEpilogue"/>'s in-place outlier term reads the weight of one output channel at an outlier
/// column (a small struct ILGPU inlines: kernels take no delegates or virtual calls). Split into a load and a
/// conversion so the term can issue four columns' loads before it converts and adds any of them.
/// </summary>
/// <typeparam name="TLoaded">What one load brings back (the fp32 weight, or the packed word holding its int8 code).</typeparam>
internal interface IOutlierWeightReader<TLoaded>
    where TLoaded : unmanaged
{
    /// <summary>The memory read for input column <paramref name="column"/> of this output channel.</summary>
    /// <param name="column">The outlier column (input feature).</param>
    TLoaded Load(int column);

    /// <summary>The fp32 weight of <paramref name="column"/> from what <see cref="Load"/> returned for it.</summary>
    /// <param name="loaded">The result of <see cref="Load"/> for <paramref name="column"/>.</param>
    /// <param name="column">The same column.</param>
    float Weight(TLoaded loaded, int column);
}
