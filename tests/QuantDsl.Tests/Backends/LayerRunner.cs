using QuantDsl.Oracle;

namespace QuantDsl.Tests.Backends;

/// <summary>Runs a layer's forward and backward on a device from host arrays and brings the results back.</summary>
public static class LayerRunner
{
    /// <summary>Loads W and bias into <paramref name="layer"/> (on the CPU) and moves it to <paramref name="device"/>.</summary>
    public static T Prepare<T>(T layer, LayerInputs inputs, Device device)
        where T : QuantLinear
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(inputs);
        layer.Weight.Value.CopyFrom(inputs.W);
        layer.Bias?.Value.CopyFrom(inputs.Bias);
        layer.MoveTo(device);
        return layer;
    }

    /// <summary>y = layer.Forward(x) as a host array.</summary>
    public static float[] Forward(QuantLinear layer, LayerInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(inputs);
        using var x = Tensor.FromArray(layer.Device, inputs.X, inputs.Tokens, inputs.InFeatures);
        using var y = layer.Forward(x);
        return y.ToArray();
    }

    /// <summary>Forward then backward; returns dX, dW and db as host arrays (gradients zeroed first).</summary>
    public static (float[] Dx, float[] Dw, float[]? Db) ForwardBackward(QuantLinear layer, LayerInputs inputs, float[] dy)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(inputs);
        layer.ZeroGrad();
        using var x = Tensor.FromArray(layer.Device, inputs.X, inputs.Tokens, inputs.InFeatures);
        using var y = layer.Forward(x);
        using var gradient = Tensor.FromArray(layer.Device, dy, inputs.Tokens, inputs.OutFeatures);
        using var dx = layer.Backward(gradient);
        return (dx.ToArray(), layer.Weight.Grad!.ToArray(), layer.Bias?.Grad?.ToArray());
    }
}
