using System.Runtime.CompilerServices;

namespace QuantDsl.Kernels.Formats;

/// <summary>
/// The differentiable gradient estimator of FP4 weight quantization (ALGORITHMS.md §1.3): the derivative of a
/// smooth surrogate of one E2M1 quantization step, <c>f′(x) = (1/k)·|2(x − l)/δ − 1|^(1/k − 1)</c>, clipped, for a
/// scaled weight x in [−6, 6] lying in the grid interval [l, l + δ).
/// </summary>
public static class Dge
{
    /// <summary>The paper's sharpness k.</summary>
    public const float DefaultK = 5f;

    /// <summary>The paper's clip of f′.</summary>
    public const float DefaultClip = 3f;

    /// <summary>f′ at the scaled weight <paramref name="x"/> = W·γ.</summary>
    /// <param name="x">The scaled weight, in [−6, 6].</param>
    /// <param name="k">Sharpness (&gt; 1).</param>
    /// <param name="clip">Upper bound of the result (the derivative is unbounded at interval midpoints).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float x, float k, float clip)
    {
        float left;
        float width;
        if (x < -4f)
        {
            left = -6f;
            width = 2f;
        }
        else if (x < -2f)
        {
            left = x < -3f ? -4f : -3f;
            width = 1f;
        }
        else if (x < 2f)
        {
            left = MathF.Floor(x * 2f) * 0.5f;
            width = 0.5f;
        }
        else if (x < 4f)
        {
            left = x < 3f ? 2f : 3f;
            width = 1f;
        }
        else
        {
            left = 4f;
            width = 2f;
        }

        float distance = MathF.Abs((2f * (x - left) / width) - 1f);
        float derivative = MathF.Pow(distance, (1f / k) - 1f) / k;
        return derivative < clip ? derivative : clip;
    }
}
