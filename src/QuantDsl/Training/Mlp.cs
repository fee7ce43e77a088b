namespace QuantDsl.Training;

/// <summary>The transformer MLP: <c>proj(GELU(fc(x)))</c> with fc: C → ratio·C and proj: ratio·C → C.</summary>
public sealed class Mlp : IDisposable
{
    private Tensor? input;
    private Tensor? hidden;
    private Tensor? activated;

    /// <summary>Creates the MLP's two linear layers through <paramref name="linear"/>.</summary>
    public Mlp(string name, int width, int ratio, LinearFactory linear, int seed)
    {
        ArgumentNullException.ThrowIfNull(linear);
        Fc = linear(name + ".fc", width, ratio * width, true, seed);
        Proj = linear(name + ".proj", ratio * width, width, true, seed + 1);
    }

    /// <summary>The expanding layer.</summary>
    public QuantLinear Fc { get; }

    /// <summary>The projecting layer.</summary>
    public QuantLinear Proj { get; }

    /// <summary>Forward of <paramref name="x"/> [rows × C].</summary>
    public float[] Forward(float[] x, int rows)
    {
        ArgumentNullException.ThrowIfNull(x);
        input = Tensor.FromArray(x, rows, Fc.InFeatures);
        hidden = Fc.Forward(input);
        var h = hidden.HostData;
        var a = new float[h.Length];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = Gelu.Value(h[i]);
        }

        activated = Tensor.FromArray(a, rows, Fc.OutFeatures);
        using var y = Proj.Forward(activated);
        return y.ToArray();
    }

    /// <summary>Backward of <paramref name="dy"/> [rows × C]; returns dx.</summary>
    public float[] Backward(float[] dy, int rows)
    {
        using var gradient = Tensor.FromArray(dy, rows, Proj.OutFeatures);
        using var dActivated = Proj.Backward(gradient);
        var h = hidden!.HostData;
        var d = dActivated.HostData;
        var dHidden = new float[d.Length];
        for (int i = 0; i < d.Length; i++)
        {
            dHidden[i] = d[i] * Gelu.Derivative(h[i]);
        }

        using var dh = Tensor.FromArray(dHidden, rows, Fc.OutFeatures);
        using var dx = Fc.Backward(dh);
        return dx.ToArray();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Fc.Dispose();
        Proj.Dispose();
        input?.Dispose();
        hidden?.Dispose();
        activated?.Dispose();
    }
}
