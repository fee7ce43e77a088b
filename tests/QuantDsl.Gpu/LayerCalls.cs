using System.Diagnostics;
using QuantDsl.Oracle;

namespace QuantDsl.Gpu;

/// <summary>
/// Runs a layer on the device under test from the oracle's host arrays. Timed calls come after one
/// warm-up call (kernel compilation, weight quantization), around the call and a device synchronize.
/// </summary>
public static class LayerCalls
{
    /// <summary>
    /// Whether timed calls on <paramref name="device"/> get a warm-up call first: yes, except on ILGPU's CPU
    /// accelerator, where times mean nothing and a warm-up would double the slowest part of a --quick run.
    /// </summary>
    public static bool WarmsUp(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Kind != DeviceKind.IlgpuCpu;
    }

    /// <summary>How a timed call on <paramref name="device"/> is to be read, for the check's message.</summary>
    public static string TimingNote(Device device) => WarmsUp(device)
        ? "after a warm-up call; information only"
        : "first call, compilation included: no warm-up on ilgpu-cpu";

    /// <summary>A new layer of <paramref name="policy"/> holding the oracle's W and bias, moved to <paramref name="device"/>.</summary>
    public static QuantLinear Create(LayerPolicy policy, LayerInputs inputs, Device device)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(inputs);
        var layer = policy.Create(new Shape(inputs.Tokens, inputs.InFeatures, inputs.OutFeatures));
        try
        {
            layer.Weight.Value.CopyFrom(inputs.W);
            layer.Bias?.Value.CopyFrom(inputs.Bias);
            layer.MoveTo(device);
            return layer;
        }
        catch
        {
            layer.Dispose();
            throw;
        }
    }

    /// <summary>X as a tensor on the layer's device.</summary>
    public static Tensor Input(QuantLinear layer, LayerInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(inputs);
        return Tensor.FromArray(layer.Device, inputs.X, inputs.Tokens, inputs.InFeatures);
    }

    /// <summary>y = layer.Forward(x) as a host array, and the time of that call (after a warm-up call).</summary>
    public static (float[] Y, double Seconds) TimedForward(QuantLinear layer, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (WarmsUp(layer.Device))
        {
            using (layer.Forward(x))
            {
            }
        }

        layer.Device.Synchronize();
        var stopwatch = Stopwatch.StartNew();
        using var y = layer.Forward(x);
        layer.Device.Synchronize();
        double seconds = stopwatch.Elapsed.TotalSeconds;
        return (y.ToArray(), seconds);
    }

    /// <summary>
    /// Forward(x), then dX = layer.Backward(dy) as a host array with the time of that call (after a warm-up
    /// backward). Gradients are zeroed before the timed call, so Weight.Grad and Bias.Grad hold one call's dW and db.
    /// </summary>
    public static (float[] Dx, double Seconds) TimedBackward(QuantLinear layer, Tensor x, Tensor dy)
    {
        ArgumentNullException.ThrowIfNull(layer);
        using var y = layer.Forward(x);
        if (WarmsUp(layer.Device))
        {
            using (layer.Backward(dy))
            {
            }
        }

        layer.ZeroGrad();
        layer.Device.Synchronize();
        var stopwatch = Stopwatch.StartNew();
        using var dx = layer.Backward(dy);
        layer.Device.Synchronize();
        double seconds = stopwatch.Elapsed.TotalSeconds;
        return (dx.ToArray(), seconds);
    }
}
