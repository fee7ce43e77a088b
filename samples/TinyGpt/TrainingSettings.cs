namespace TinyGptSample;

/// <summary>The resolved hyper-parameters of a run (shared by every variant).</summary>
internal sealed record TrainingSettings(int Steps, int Batch, int Context, int Width, int Layers, int Heads, float LearningRate, int EvalEvery, int Seed)
{
    /// <summary>Validation batches per evaluation (fixed positions, same for every variant).</summary>
    public int EvalBatches => 8;
}
