using ILGPU;

namespace QuantDsl.Kernels.Gpu;

/// <summary>Elementwise kernels of the training stack: GELU (tanh form, GPT-2) and its derivative, residual adds.</summary>
public static class ElementwiseKernels
{
    /// <summary>Threads per group.</summary>
    public const int Threads = 256;

    private const float Alpha = 0.7978845608f;
    private const float Beta = 0.044715f;

    /// <summary>Launch shape covering <paramref name="count"/> threads.</summary>
    public static KernelConfig Config(int count) => new((count + Threads - 1) / Threads, Threads);

    /// <summary><c>a[i] = GELU(h[i])</c>.</summary>
    public static void GeluForward(ArrayView<float> h, ArrayView<float> a, int count)
    {
        int i = Grid.GlobalIndex.X;
        if (i < count)
        {
            float x = h[i];
            a[i] = 0.5f * x * (1f + Tanh(Alpha * (x + (Beta * x * x * x))));
        }
    }

    /// <summary><c>dh[i] = d[i]·GELU′(h[i])</c>.</summary>
    public static void GeluBackward(ArrayView<float> h, ArrayView<float> d, ArrayView<float> dh, int count)
    {
        int i = Grid.GlobalIndex.X;
        if (i < count)
        {
            float x = h[i];
            float t = Tanh(Alpha * (x + (Beta * x * x * x)));
            dh[i] = d[i] * ((0.5f * (1f + t)) + (0.5f * x * (1f - (t * t)) * Alpha * (1f + (3f * Beta * x * x))));
        }
    }

    /// <summary><c>result[i] = a[i] + b[i]</c>.</summary>
    public static void Add(ArrayView<float> a, ArrayView<float> b, ArrayView<float> result, int count)
    {
        int i = Grid.GlobalIndex.X;
        if (i < count)
        {
            result[i] = a[i] + b[i];
        }
    }

    /// <summary><c>target[i] += addend[i]</c>.</summary>
    public static void AddInPlace(ArrayView<float> target, ArrayView<float> addend, int count)
    {
        int i = Grid.GlobalIndex.X;
        if (i < count)
        {
            target[i] += addend[i];
        }
    }

    /// <summary>tanh through exp (1 − 2/(e^{2u} + 1)): exact at the saturating ends, and exp lowers on every backend.</summary>
    private static float Tanh(float u) => 1f - (2f / (DeviceMath.Exp(2f * u) + 1f));
}
