using ILGPU.Runtime;
using QuantDsl.Kernels.Gpu;

namespace QuantDsl.Training;

/// <summary>
/// A GPT-style decoder for training experiments: token + learned position embeddings, pre-norm transformer blocks
/// (causal attention, GELU MLP, residuals), a final LayerNorm and an untied fp32 output head. Every linear layer
/// of the blocks comes from the <see cref="LinearFactory"/>, so one model trains in full precision or with a
/// quantization policy. The head stays fp32 (its input has no outlier clamping, and it is the layer the loss reads
/// directly); embeddings, norms, attention scores and the loss are fp32, as in the FP4 paper.
/// The model lives on one <see cref="QuantDsl.Device"/>: activations, gradients and parameters stay there, and
/// each step returns only the loss (and the non-finite checks' counts) to the host.
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
    private Tensor? logitGradient;
    private Tensor? headInput;

    /// <summary>Builds the model with GPT-2's initialization (N(0, 0.02); residual projections scaled by 1/√(2·layers)).</summary>
    /// <param name="config">The shape.</param>
    /// <param name="linear">Creates each linear layer of the blocks.</param>
    /// <param name="seed">Seed of every initialization.</param>
    /// <param name="device">Where the model runs; null for the SIMD CPU path. The initialization runs on the host with
    /// <paramref name="seed"/> either way, so one seed gives one model on every device.</param>
    public TinyGpt(TinyGptConfig config, LinearFactory linear, int seed, Device? device = null)
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
        if (device is not null)
        {
            MoveTo(device);
        }
    }

    /// <summary>The shape.</summary>
    public TinyGptConfig Config { get; }

    /// <summary>The device the parameters are on and every op runs on.</summary>
    public Device Device { get; private set; } = Device.Cpu();

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
    /// Moves every parameter (and gradient) to <paramref name="device"/> and drops the saved activations. Create the
    /// <see cref="AdamW"/> after moving: its moments live on the parameters' device.
    /// </summary>
    /// <returns>This model.</returns>
    public TinyGpt MoveTo(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        device.ThrowIfDisposed();
        if (device == Device)
        {
            return this;
        }

        DropSavedState();
        TokenEmbedding.MoveTo(device);
        PositionEmbedding.MoveTo(device);
        foreach (var block in blocks)
        {
            block.MoveTo(device);
        }

        finalNorm.MoveTo(device);
        head.MoveTo(device);
        Device = device;
        return this;
    }

    /// <summary>
    /// Forward of <paramref name="tokens"/> [batch × context] and the mean cross-entropy against
    /// <paramref name="targets"/>; keeps what <see cref="Backward"/> needs.
    /// </summary>
    public float ForwardLoss(int[] tokens, int[] targets, int batch, int context)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(targets);
        using var logits = Logits(tokens, batch, context);
        var gradient = TrainingTensors.Replace(ref logitGradient, Tensor.Zeros(Device, batch * context, Config.VocabSize));
        return CrossEntropy.Loss(logits, targets, gradient);
    }

    /// <summary>The mean cross-entropy without keeping gradients' inputs (validation).</summary>
    public float Evaluate(int[] tokens, int[] targets, int batch, int context)
    {
        ArgumentNullException.ThrowIfNull(targets);
        using var logits = Logits(tokens, batch, context);
        return CrossEntropy.Loss(logits, targets, null);
    }

    /// <summary>Back-propagates the last <see cref="ForwardLoss"/> and accumulates every parameter's gradient.</summary>
    public void Backward()
    {
        var dLogits = logitGradient ?? throw new InvalidOperationException("TinyGpt.Backward needs a ForwardLoss call first.");
        int rows = batch * context, c = Config.Width;
        Tensor dh;
        using (var dNormed = head.Backward(dLogits))
        {
            dh = finalNorm.Backward(dNormed);
        }

        try
        {
            for (int l = blocks.Length - 1; l >= 0; l--)
            {
                var next = blocks[l].Backward(dh);
                dh.Dispose();
                dh = next;
            }

            var dTok = TokenEmbedding.EnsureGrad();
            var dPos = PositionEmbedding.EnsureGrad();
            if (Device.IsAccelerator)
            {
                EmbeddingBackwardGpu(dh, dTok, dPos, rows, c);
            }
            else
            {
                var dTokData = dTok.HostData;
                var dPosData = dPos.HostData;
                var dhData = dh.HostData;
                for (int r = 0; r < rows; r++)
                {
                    int token = lastTokens[r], position = r % context;
                    for (int j = 0; j < c; j++)
                    {
                        dTokData[(token * c) + j] += dhData[(r * c) + j];
                        dPosData[(position * c) + j] += dhData[(r * c) + j];
                    }
                }
            }

            dTok.MarkModified();
            dPos.MarkModified();
        }
        finally
        {
            dh.Dispose();
        }
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
        DropSavedState();
        foreach (var block in blocks)
        {
            block.Dispose();
        }

        finalNorm.Dispose();
        head.Dispose();
        TokenEmbedding.Dispose();
        PositionEmbedding.Dispose();
    }

    private Tensor Logits(int[] tokens, int batch, int context)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (context > Config.Context || context <= 0 || batch <= 0 || tokens.Length != batch * context)
        {
            throw new ArgumentException(
                $"Tokens of length {tokens.Length} do not form [{batch} × {context}] with context ≤ {Config.Context}.", nameof(tokens));
        }

        int rows = batch * context, c = Config.Width;
        for (int r = 0; r < rows; r++)
        {
            if ((uint)tokens[r] >= (uint)Config.VocabSize)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), $"Token {tokens[r]} at {r} is outside the vocabulary of {Config.VocabSize}.");
            }
        }

        this.batch = batch;
        this.context = context;
        lastTokens = (int[])tokens.Clone();
        var h = Tensor.Zeros(Device, rows, c);
        try
        {
            if (Device.IsAccelerator)
            {
                var gpu = Device.Gpu;
                using var deviceTokens = gpu.RentScratch<int>(rows);
                deviceTokens.View.CopyFromCPU(gpu.Stream, tokens);
                gpu.Launch(
                    EmbeddingKernels.Gather,
                    EmbeddingKernels.Config(rows * c),
                    deviceTokens.View.AsContiguous(),
                    TokenEmbedding.Value.View,
                    PositionEmbedding.Value.View,
                    h.View,
                    rows,
                    context,
                    c);
            }
            else
            {
                var tok = TokenEmbedding.Value.HostData;
                var pos = PositionEmbedding.Value.HostData;
                var data = h.HostData;
                for (int r = 0; r < rows; r++)
                {
                    int token = tokens[r];
                    for (int j = 0; j < c; j++)
                    {
                        data[(r * c) + j] = tok[(token * c) + j] + pos[((r % context) * c) + j];
                    }
                }
            }

            foreach (var block in blocks)
            {
                var next = block.Forward(h, batch, context);
                h.Dispose();
                h = next;
            }

            // The head keeps its input for the backward: the tensor lives until the next forward replaces it.
            var normed = TrainingTensors.Replace(ref headInput, finalNorm.Forward(h));
            return head.Forward(normed);
        }
        finally
        {
            h.Dispose();
        }
    }

    private void EmbeddingBackwardGpu(Tensor dh, Tensor dTok, Tensor dPos, int rows, int c)
    {
        // Rows grouped by token (a counting sort, ascending rows within a token) so one thread owns each dTok element
        // and adds its rows in the CPU loop's order: deterministic, no atomics.
        int vocab = Config.VocabSize;
        var starts = new int[vocab + 1];
        foreach (int token in lastTokens)
        {
            starts[token + 1]++;
        }

        for (int v = 0; v < vocab; v++)
        {
            starts[v + 1] += starts[v];
        }

        var next = (int[])starts.Clone();
        var rowsByToken = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            rowsByToken[next[lastTokens[r]]++] = r;
        }

        var gpu = Device.Gpu;
        using var deviceStarts = gpu.RentScratch<int>(starts.Length);
        using var deviceRows = gpu.RentScratch<int>(rows);
        deviceStarts.View.CopyFromCPU(gpu.Stream, starts);
        deviceRows.View.CopyFromCPU(gpu.Stream, rowsByToken);
        gpu.Launch(
            EmbeddingKernels.TokenGradient, EmbeddingKernels.Config(vocab * c), deviceStarts.View.AsContiguous(), deviceRows.View.AsContiguous(), dh.View, dTok.View, vocab, c);
        gpu.Launch(EmbeddingKernels.PositionGradient, EmbeddingKernels.Config(context * c), dh.View, dPos.View, batch, context, c);
    }

    private void DropSavedState()
    {
        logitGradient?.Dispose();
        headInput?.Dispose();
        logitGradient = null;
        headInput = null;
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
