namespace QuantDsl.Checkpoints;

/// <summary>One float32 tensor of a safetensors file.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Shape">Its shape.</param>
/// <param name="Data">Its values, row-major.</param>
public sealed record NamedTensor(string Name, int[] Shape, float[] Data);
