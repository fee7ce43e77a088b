using ILGPU;

namespace QuantDsl.Kernels.Epilogues;

/// <summary>The fp32 weight row of one output channel, read in place at the outlier columns (W[channel, j]).</summary>
internal readonly struct Fp32OutlierWeights : IOutlierWeightReader<float>
{
    private readonly ArrayView<float> weights;
    private readonly int rowStart;

    /// <summary>Reads row <paramref name="channel"/> of <paramref name="weights"/> ([channels × inFeatures]).</summary>
    /// <param name="weights">The fp32 weight.</param>
    /// <param name="channel">Output channel.</param>
    /// <param name="inFeatures">Row length.</param>
    public Fp32OutlierWeights(ArrayView<float> weights, int channel, int inFeatures)
    {
        this.weights = weights;
        rowStart = channel * inFeatures;
    }

    /// <inheritdoc/>
    public float Load(int column) => weights[rowStart + column];

    /// <inheritdoc/>
    public float Weight(float loaded, int column) => loaded;
}
