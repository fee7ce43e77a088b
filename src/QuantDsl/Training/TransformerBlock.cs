namespace QuantDsl.Training;

/// <summary>A pre-norm transformer block: <c>x + attn(ln1(x))</c>, then <c>+ mlp(ln2(·))</c>.</summary>
public sealed class TransformerBlock : IDisposable
{
    private int rows;

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

    /// <summary>Forward of <paramref name="x"/> [batch·context × C].</summary>
    public float[] Forward(float[] x, int batch, int context)
    {
        ArgumentNullException.ThrowIfNull(x);
        rows = batch * context;
        var attended = Attention.Forward(Norm1.Forward(x, rows), batch, context);
        var middle = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            middle[i] = x[i] + attended[i];
        }

        var mlp = Mlp.Forward(Norm2.Forward(middle, rows), rows);
        for (int i = 0; i < mlp.Length; i++)
        {
            mlp[i] += middle[i];
        }

        return mlp;
    }

    /// <summary>Backward of <paramref name="dy"/>; returns dx.</summary>
    public float[] Backward(float[] dy)
    {
        ArgumentNullException.ThrowIfNull(dy);
        var dMiddle = Norm2.Backward(Mlp.Backward(dy, rows), rows);
        for (int i = 0; i < dMiddle.Length; i++)
        {
            dMiddle[i] += dy[i];
        }

        var dx = Norm1.Backward(Attention.Backward(dMiddle), rows);
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] += dMiddle[i];
        }

        return dx;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Attention.Dispose();
        Mlp.Dispose();
    }
}
