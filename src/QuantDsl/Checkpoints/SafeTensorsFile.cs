namespace QuantDsl.Checkpoints;

/// <summary>A validated safetensors file: its tensors by name, in file order, and its metadata.</summary>
/// <param name="Tensors">The tensors.</param>
/// <param name="Metadata">The <c>__metadata__</c> strings.</param>
public sealed record SafeTensorsFile(IReadOnlyList<NamedTensor> Tensors, IReadOnlyDictionary<string, string> Metadata);
