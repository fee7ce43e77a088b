namespace QuantDsl.Training;

/// <summary>
/// A GPT-style decoder for training experiments: token + learned position embeddings, pre-norm transformer blocks
/// (causal attention, GELU MLP, residuals), a final LayerNorm and an untied fp32 output head. Every linear layer
/// of the blocks comes from the <see cref="LinearFactory"/>, so one model trains in full precision or with a
/// quantization policy. The head stays fp32 (its input has no outlier clamping, and it is the layer the loss reads
/// directly); embeddings, norms, attention scores and the loss are fp32, as in the FP4 paper.
/// </summary>
public sealed class TinyGpt : IDisposable
{
    private readonly List<TrainableParameter> parameters = [];
    private readonly TransformerBlock[] blocks;
    private readonly LayerNorm finalNorm;
    private readonly FullPrecisionLinear head;
    private int[] lastTokens = [];
    private int batch;
    private int context;
    private float[] logitGradient = [];
    private Tensor? headInput;

    /// <summary>Builds the model with GPT-2's initialization (N(0, 0.02); residual projections scaled by 1/√(2·layers)).</summary>
    /// <param name="config">The shape.</param>
    /// <param name="linear">Creates each linear layer of the blocks.</param>
    /// <param name="seed">Seed of every initialization.</param>
    public TinyGpt(TinyGptConfig config, LinearFactory linear, int seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(linear);
        config.Validate();
        Config = config;
        var random = new Random(seed);
        TokenEmbedding = new Parameter("tok_emb", Tensor.FromArray(Normal(random, config.VocabSize * config.Width, 0.02f), config.VocabSize, config.Width));
        PositionEmbedding = new Parameter("pos_emb", Tensor.FromArray(Normal(random, config.Context * config.Width, 0.02f), config.Context, config.Width));
        parameters.Add(new TrainableParameter("tok_emb", TokenEmbedding, false));
        parameters.Add(new TrainableParameter("pos_emb", PositionEmbedding, false));

        blocks = new TransformerBlock[config.Layers];
        float residualStd = 0.02f / MathF.Sqrt(2f * config.Layers);
        for (int l = 0; l < config.Layers; l++)
        {
            string name = $"blocks.{l}";
            var block = new TransformerBlock(name, config, linear, seed + (100 * (l + 1)));
            blocks[l] = block;
            AddNorm(block.Norm1);
            AddLinear(name + ".attn.qkv", block.Attention.Qkv, random, 0.02f);
            AddLinear(name + ".attn.proj", block.Attention.Proj, random, residualStd);
            AddNorm(block.Norm2);
            AddLinear(name + ".mlp.fc", block.Mlp.Fc, random, 0.02f);
            AddLinear(name + ".mlp.proj", block.Mlp.Proj, random, residualStd);
        }

        finalNorm = new LayerNorm("ln_f", config.Width);
        AddNorm(finalNorm);
        head = new FullPrecisionLinear(config.Width, config.VocabSize, bias: false, seed: seed + 7);
        AddLinear("head", head, random, 0.02f);
    }

    /// <summary>The shape.</summary>
    public TinyGptConfig Config { get; }

    /// <summary>Token embeddings [vocab × C].</summary>
    public Parameter TokenEmbedding { get; }

    /// <summary>Position embeddings [context × C].</summary>
    public Parameter PositionEmbedding { get; }

    /// <summary>Every parameter, in a stable order with stable names (the checkpoint's).</summary>
    public IReadOnlyList<TrainableParameter> Parameters => parameters;

    /// <summary>The linear layers of the blocks (those the factory made), in order.</summary>
    public IEnumerable<QuantLinear> BlockLinears =>
        blocks.SelectMany(b => new[] { b.Attention.Qkv, b.Attention.Proj, b.Mlp.Fc, b.Mlp.Proj });

    /// <summary>
    /// Forward of <paramref name="tokens"/> [batch × context] and the mean cross-entropy against
    /// <paramref name="targets"/>; keeps what <see cref="Backward"/> needs.
    /// </summary>
    public float ForwardLoss(int[] tokens, int[] targets, int batch, int context)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(targets);
        var logits = Logits(tokens, batch, context);
        logitGradient = new float[logits.Length];
        return CrossEntropy.Loss(logits, targets, batch * context, Config.VocabSize, logitGradient);
    }

    /// <summary>The mean cross-entropy without keeping gradients' inputs (validation).</summary>
    public float Evaluate(int[] tokens, int[] targets, int batch, int context)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var logits = Logits(tokens, batch, context);
        return CrossEntropy.Loss(logits, targets, batch * context, Config.VocabSize, null);
    }

    /// <summary>Back-propagates the last <see cref="ForwardLoss"/> and accumulates every parameter's gradient.</summary>
    public void Backward()
    {
        int rows = batch * context, c = Config.Width;
        using var dLogits = Tensor.FromArray(logitGradient, rows, Config.VocabSize);
        using var dNormed = head.Backward(dLogits);
        var dh = finalNorm.Backward(dNormed.ToArray(), rows);
        for (int l = blocks.Length - 1; l >= 0; l--)
        {
            dh = blocks[l].Backward(dh);
        }

        var dTok = TokenEmbedding.EnsureGrad().HostData;
        var dPos = PositionEmbedding.EnsureGrad().HostData;
        for (int r = 0; r < rows; r++)
        {
            int token = lastTokens[r], position = r % context;
            for (int j = 0; j < c; j++)
            {
                dTok[(token * c) + j] += dh[(r * c) + j];
                dPos[(position * c) + j] += dh[(r * c) + j];
            }
        }

        TokenEmbedding.Grad!.MarkModified();
        PositionEmbedding.Grad!.MarkModified();
    }

    /// <summary>Zeroes every gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in parameters)
        {
            p.Parameter.ZeroGrad();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var block in blocks)
        {
            block.Dispose();
        }

        head.Dispose();
        TokenEmbedding.Dispose();
        PositionEmbedding.Dispose();
    }

    private float[] Logits(int[] tokens, int batch, int context)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (context > Config.Context || context <= 0 || batch <= 0 || tokens.Length != batch * context)
        {
            throw new ArgumentException(
                $"Tokens of length {tokens.Length} do not form [{batch} × {context}] with context ≤ {Config.Context}.", nameof(tokens));
        }

        this.batch = batch;
        this.context = context;
        lastTokens = tokens;
        int rows = batch * context, c = Config.Width;
        var tok = TokenEmbedding.Value.HostData;
        var pos = PositionEmbedding.Value.HostData;
        var h = new float[rows * c];
        for (int r = 0; r < rows; r++)
        {
            int token = tokens[r];
            if ((uint)token >= (uint)Config.VocabSize)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), $"Token {token} at {r} is outside the vocabulary of {Config.VocabSize}.");
            }

            for (int j = 0; j < c; j++)
            {
                h[(r * c) + j] = tok[(token * c) + j] + pos[((r % context) * c) + j];
            }
        }

        foreach (var block in blocks)
        {
            h = block.Forward(h, batch, context);
        }

        // The head keeps its input for the backward: the tensor lives until the next forward replaces it.
        headInput = Tensor.FromArray(finalNorm.Forward(h, rows), rows, c);
        using var logits = head.Forward(headInput);
        return logits.ToArray();
    }

    private void AddNorm(LayerNorm norm)
    {
        parameters.Add(new TrainableParameter(norm.Gain.Name, norm.Gain, false));
        parameters.Add(new TrainableParameter(norm.Shift.Name, norm.Shift, false));
    }

    private void AddLinear(string name, QuantLinear layer, Random random, float std)
    {
        layer.Weight.Value.CopyFrom(Normal(random, layer.Weight.Value.Length, std));
        parameters.Add(new TrainableParameter(name + ".weight", layer.Weight, true));
        if (layer.Bias is not null)
        {
            layer.Bias.Value.Clear();
            parameters.Add(new TrainableParameter(name + ".bias", layer.Bias, false));
        }
    }

    private static float[] Normal(Random random, int count, float std)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            // Box–Muller: deterministic for a seed on every platform.
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            values[i] = (float)(std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return values;
    }
}
