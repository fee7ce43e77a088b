using ILGPU;
using QuantDsl.Kernels.Formats;

namespace QuantDsl.Kernels.Epilogues;

/// <summary>
/// The packed int8 weight row of one output channel, dequantized at the outlier columns (bitsandbytes' choice:
/// <c>dequant(Wq[channel, j])</c> with the channel's absmax).
/// </summary>
internal readonly struct Int8OutlierWeights : IOutlierWeightReader<int>
{
    private readonly ArrayView<int> words;
    private readonly int rowStart;
    private readonly float absMax;

    /// <summary>Reads row <paramref name="channel"/> of <paramref name="words"/> ([channels × weightWords]).</summary>
    /// <param name="words">The packed codes, four per word.</param>
    /// <param name="channel">Output channel.</param>
    /// <param name="weightWords">Words per row.</param>
    /// <param name="absMax">The channel's absmax (cw).</param>
    public Int8OutlierWeights(ArrayView<int> words, int channel, int weightWords, float absMax)
    {
        this.words = words;
        rowStart = channel * weightWords;
        this.absMax = absMax;
    }

    /// <inheritdoc/>
    public int Load(int column) => words[rowStart + (column >> 2)];

    /// <inheritdoc/>
    public float Weight(int loaded, int column) => Int8Format.Dequantize(Int8Format.Unpack(loaded, column & 3), absMax);
}
