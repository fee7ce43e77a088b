using QuantDsl.Tests.Layers;
using QuantDsl.Training;

namespace QuantDsl.Tests.Training;

/// <summary>Small models and data for the training-stack tests.</summary>
internal static class TinyModels
{
    public static readonly TinyGptConfig Config = new(VocabSize: 7, Context: 6, Width: 8, Layers: 2, Heads: 2, MlpRatio: 2);

    public static TinyGpt FullPrecision(int seed = 3) =>
        new(Config, (_, i, o, bias, s) => new FullPrecisionLinear(i, o, bias, s), seed);

    public static TinyGpt Fp4(TinyGptConfig config, int seed = 3) =>
        new(config, (_, i, o, bias, s) => new Fp4Layer(i, o, bias, s), seed);

    /// <summary>Tokens and next-token targets of <paramref name="batch"/> windows of a repeating pattern.</summary>
    public static (int[] Tokens, int[] Targets) Pattern(int batch, int context, int vocab, int offset = 0)
    {
        var tokens = new int[batch * context];
        var targets = new int[batch * context];
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < context; t++)
            {
                int position = b + t + offset;
                tokens[(b * context) + t] = position * 3 % vocab;
                targets[(b * context) + t] = (position + 1) * 3 % vocab;
            }
        }

        return (tokens, targets);
    }
}
