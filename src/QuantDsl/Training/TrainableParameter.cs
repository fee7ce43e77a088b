namespace QuantDsl.Training;

/// <summary>A model parameter with its stable checkpoint name and whether AdamW decays it.</summary>
/// <param name="Name">Stable name, e.g. <c>blocks.0.mlp.fc.weight</c>.</param>
/// <param name="Parameter">The parameter (value and gradient).</param>
/// <param name="WeightDecay">True for the weight matrices of linear layers; false for norms, biases and embeddings.</param>
public sealed record TrainableParameter(string Name, Parameter Parameter, bool WeightDecay);
