namespace QuantDsl.Training;

/// <summary>The transformer MLP: fc (C → ratio·C), GELU, proj (ratio·C → C).</summary>
public sealed class Mlp : IDisposable
{
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

    /// <summary>
    /// Forward of <paramref name="x"/> [rows × C] on the layers' device; <paramref name="x"/> must stay alive until
    /// <see cref="Backward"/> (the fc layer keeps it).
    /// </summary>
    public Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var h = TrainingTensors.Replace(ref hidden, Fc.Forward(x));
        var a = TrainingTensors.Replace(ref activated, Gelu.Forward(h));
        return Proj.Forward(a);
    }

    /// <summary>Backward of <paramref name="dy"/> [rows × C]; returns dx.</summary>
    public Tensor Backward(Tensor dy)
    {
        ArgumentNullException.ThrowIfNull(dy);
        var h = hidden ?? throw new InvalidOperationException("Mlp.Backward needs a Forward call first.");
        using var dActivated = Proj.Backward(dy);
        using var dHidden = Gelu.Backward(h, dActivated);
        return Fc.Backward(dHidden);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Fc.Dispose();
        Proj.Dispose();
        hidden?.Dispose();
        activated?.Dispose();
    }

    /// <summary>Moves both layers to <paramref name="device"/> and drops the saved forward state.</summary>
    internal void MoveTo(Device device)
    {
        hidden?.Dispose();
        activated?.Dispose();
        hidden = null;
        activated = null;
        Fc.MoveTo(device);
        Proj.MoveTo(device);
    }
}
