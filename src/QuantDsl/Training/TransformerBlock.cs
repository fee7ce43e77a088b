namespace QuantDsl.Training;

/// <summary>A pre-norm transformer block: <c>x + attn(ln1(x))</c>, then <c>+ mlp(ln2(·))</c>.</summary>
public sealed class TransformerBlock : IDisposable
{
    private Tensor? normed1;
    private Tensor? normed2;

    /// <summary>Creates the block's norms, attention and MLP.</summary>
    public TransformerBlock(string name, TinyGptConfig config, LinearFactory linear, int seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        Norm1 = new LayerNorm(name + ".ln1", config.Width);
        Attention = new CausalSelfAttention(name + ".attn", config.Width, config.Heads, linear, seed);
        Norm2 = new LayerNorm(name + ".ln2", config.Width);
        Mlp = new Mlp(name + ".mlp", config.Width, config.MlpRatio, linear, seed + 2);
    }

    /// <summary>The norm before attention.</summary>
    public LayerNorm Norm1 { get; }

    /// <summary>The attention.</summary>
    public CausalSelfAttention Attention { get; }

    /// <summary>The norm before the MLP.</summary>
    public LayerNorm Norm2 { get; }

    /// <summary>The MLP.</summary>
    public Mlp Mlp { get; }

    /// <summary>Forward of <paramref name="x"/> [batch·context × C] into a new tensor (the block keeps what its backward needs, not x).</summary>
    public Tensor Forward(Tensor x, int batch, int context)
    {
        ArgumentNullException.ThrowIfNull(x);
        var n1 = TrainingTensors.Replace(ref normed1, Norm1.Forward(x));
        using var attended = Attention.Forward(n1, batch, context);
        using var middle = TrainingTensors.Add(x, attended);
        var n2 = TrainingTensors.Replace(ref normed2, Norm2.Forward(middle));
        var y = Mlp.Forward(n2);
        TrainingTensors.AddInPlace(y, middle);
        return y;
    }

    /// <summary>Backward of <paramref name="dy"/>; returns dx.</summary>
    public Tensor Backward(Tensor dy)
    {
        ArgumentNullException.ThrowIfNull(dy);
        Tensor? dMiddle = null;
        try
        {
            using (var dMlp = Mlp.Backward(dy))
            {
                dMiddle = Norm2.Backward(dMlp);
            }

            TrainingTensors.AddInPlace(dMiddle, dy);
            using var dAttention = Attention.Backward(dMiddle);
            var dx = Norm1.Backward(dAttention);
            TrainingTensors.AddInPlace(dx, dMiddle);
            return dx;
        }
        finally
        {
            dMiddle?.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Attention.Dispose();
        Mlp.Dispose();
        Norm1.Dispose();
        Norm2.Dispose();
        normed1?.Dispose();
        normed2?.Dispose();
    }

    /// <summary>Moves every parameter to <paramref name="device"/> and drops the saved forward state.</summary>
    internal void MoveTo(Device device)
    {
        normed1?.Dispose();
        normed2?.Dispose();
        normed1 = null;
        normed2 = null;
        Norm1.MoveTo(device);
        Attention.MoveTo(device);
        Norm2.MoveTo(device);
        Mlp.MoveTo(device);
    }
}
