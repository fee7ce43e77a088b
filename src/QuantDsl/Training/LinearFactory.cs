namespace QuantDsl.Training;

/// <summary>
/// Creates one linear layer of a model: the seam where a training run chooses full precision or a quantization
/// policy (an <c>[Fp4Train]</c> layer, say) for every GEMM of the transformer blocks.
/// </summary>
/// <param name="name">The layer's stable name, e.g. <c>blocks.0.attn.qkv</c>.</param>
/// <param name="inFeatures">Input features.</param>
/// <param name="outFeatures">Output features.</param>
/// <param name="bias">Whether the layer has a bias.</param>
/// <param name="seed">Seed of its initialization.</param>
/// <returns>The layer, on the CPU.</returns>
public delegate QuantLinear LinearFactory(string name, int inFeatures, int outFeatures, bool bias, int seed);
