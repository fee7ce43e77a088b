namespace QuantDsl;

/// <summary>A trainable tensor with its gradient, as in PyTorch: gradients accumulate until <see cref="ZeroGrad"/>.</summary>
public sealed class Parameter : IDisposable
{
    internal Parameter(string name, Tensor value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The parameter's name within its layer (<c>weight</c>, <c>bias</c>).</summary>
    public string Name { get; }

    /// <summary>The values (master copy, float32).</summary>
    public Tensor Value { get; private set; }

    /// <summary>The accumulated gradient, same shape and device as <see cref="Value"/>; null until a backward pass fills it.</summary>
    public Tensor? Grad { get; private set; }

    /// <summary>Whether backward passes compute this parameter's gradient (default true).</summary>
    public bool RequiresGrad { get; set; } = true;

    /// <summary>Sets the gradient to zero (keeps its memory).</summary>
    public void ZeroGrad() => Grad?.Clear();

    /// <inheritdoc/>
    public void Dispose()
    {
        Value.Dispose();
        Grad?.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Value.ShapeText} on {Value.Device}";

    /// <summary>The gradient, created zero-filled on first use.</summary>
    internal Tensor EnsureGrad() => Grad ??= Tensor.Zeros(Value.Device, Value.Shape.ToArray());

    internal void MoveTo(Device device)
    {
        if (Value.Device == device)
        {
            return;
        }

        var moved = Value.To(device);
        var movedGrad = Grad?.To(device);
        Value.Dispose();
        Grad?.Dispose();
        Value = moved;
        Grad = movedGrad;
    }
}
