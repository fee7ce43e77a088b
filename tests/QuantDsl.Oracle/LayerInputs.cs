namespace QuantDsl.Oracle;

/// <summary>Inputs of one linear layer: X [tokens × in], W [out × in], bias [out], and the planted outlier columns.</summary>
public sealed record LayerInputs(float[] X, float[] W, float[] Bias, int[] PlantedColumns, int Tokens, int InFeatures, int OutFeatures);
