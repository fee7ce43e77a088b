using QuantDsl.Kernels.Gpu;

namespace QuantDsl.Training;

/// <summary>GELU, tanh approximation (GPT-2): <c>0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))</c>, and its derivative.</summary>
public static class Gelu
{
    private const float Alpha = 0.7978845608f;
    private const float Beta = 0.044715f;

    /// <summary>GELU(x).</summary>
    public static float Value(float x)
    {
        float t = MathF.Tanh(Alpha * (x + (Beta * x * x * x)));
        return 0.5f * x * (1f + t);
    }

    /// <summary>dGELU/dx.</summary>
    public static float Derivative(float x)
    {
        float t = MathF.Tanh(Alpha * (x + (Beta * x * x * x)));
        return (0.5f * (1f + t)) + (0.5f * x * (1f - (t * t)) * Alpha * (1f + (3f * Beta * x * x)));
    }

    /// <summary>GELU of every element of <paramref name="h"/>, into a new tensor on its device.</summary>
    public static Tensor Forward(Tensor h)
    {
        ArgumentNullException.ThrowIfNull(h);
        var a = Tensor.Zeros(h.Device, [.. h.Shape]);
        if (h.Device.IsAccelerator)
        {
            h.Device.Gpu.Launch(ElementwiseKernels.GeluForward, ElementwiseKernels.Config(h.Length), h.View, a.View, h.Length);
            return a;
        }

        var source = h.HostData;
        var result = a.HostData;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Value(source[i]);
        }

        return a;
    }

    /// <summary><c>d ⊙ GELU′(h)</c>, into a new tensor on their device.</summary>
    public static Tensor Backward(Tensor h, Tensor d)
    {
        TrainingTensors.CheckSame(h, d, "GELU backward");
        var dh = Tensor.Zeros(h.Device, [.. h.Shape]);
        if (h.Device.IsAccelerator)
        {
            h.Device.Gpu.Launch(ElementwiseKernels.GeluBackward, ElementwiseKernels.Config(h.Length), h.View, d.View, dh.View, h.Length);
            return dh;
        }

        var x = h.HostData;
        var g = d.HostData;
        var result = dh.HostData;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = g[i] * Derivative(x[i]);
        }

        return dh;
    }
}
