namespace QuantDsl.Training;

/// <summary>The shape of a GPT-style decoder.</summary>
/// <param name="VocabSize">Tokens in the vocabulary.</param>
/// <param name="Context">Longest sequence (learned positions).</param>
/// <param name="Width">Model width C.</param>
/// <param name="Layers">Transformer blocks.</param>
/// <param name="Heads">Attention heads (C must be a multiple).</param>
/// <param name="MlpRatio">MLP expansion (4 in GPT-2).</param>
public sealed record TinyGptConfig(int VocabSize, int Context, int Width, int Layers, int Heads, int MlpRatio = 4)
{
    /// <summary>Throws when a dimension is not positive or the width does not split into the heads.</summary>
    public void Validate()
    {
        if (VocabSize <= 0 || Context <= 0 || Width <= 0 || Layers <= 0 || Heads <= 0 || MlpRatio <= 0 || Width % Heads != 0)
        {
            throw new ArgumentException($"Invalid model shape {this}: every size must be positive and Width a multiple of Heads.");
        }
    }
}
