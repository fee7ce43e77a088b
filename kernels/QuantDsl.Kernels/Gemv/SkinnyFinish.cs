using ILGPU;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// The epilogue of a K-split <see cref="SkinnyMmaGemm{TWeights}"/>: <c>y[t, o] = scale[o]·Σ_s partial[s, t, o] + bias[o]</c>,
/// the splits summed in index order (deterministic). One thread per output.
/// </summary>
public static class SkinnyFinish
{
    /// <summary>Threads per block.</summary>
    public const int Threads = 256;

    /// <summary>One thread per output of <paramref name="tokens"/> × <paramref name="outFeatures"/>.</summary>
    public static KernelConfig Config(int tokens, int outFeatures) => new(((tokens * outFeatures) + Threads - 1) / Threads, Threads);

    /// <summary>Sums the partials (see the type summary).</summary>
    /// <param name="partial">[splits × tokens × outFeatures] partial sums.</param>
    /// <param name="scales">Per-output-channel scale.</param>
    /// <param name="bias">Per-output-channel bias (read only when <paramref name="hasBias"/> is 1).</param>
    /// <param name="hasBias">1 to add the bias.</param>
    /// <param name="y">Output [tokens × outFeatures].</param>
    /// <param name="splits">Partial sums per output.</param>
    /// <param name="tokens">Tokens.</param>
    /// <param name="outFeatures">Output channels.</param>
    public static void Kernel(
        ArrayView<float> partial, ArrayView<float> scales, ArrayView<float> bias, int hasBias, ArrayView<float> y, int splits, int tokens, int outFeatures)
    {
        int index = (Grid.IdxX * Group.DimX) + Group.IdxX;
        int outputs = tokens * outFeatures;
        if (index >= outputs)
        {
            return;
        }

        float sum = 0f;
        for (int s = 0; s < splits; s++)
        {
            sum += partial[((long)s * outputs) + index];
        }

        int output = index % outFeatures;
        y[index] = (sum * scales[output]) + (hasBias == 1 ? bias[output] : 0f);
    }
}
