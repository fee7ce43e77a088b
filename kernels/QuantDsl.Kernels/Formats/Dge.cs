using ILGPU;
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
            // ⌊2x⌋/2 without a math intrinsic: truncate, then step down for negative non-integers.
            int steps = (int)(x * 2f);
            if (steps > x * 2f)
            {
                steps--;
            }

            left = steps * 0.5f;
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

        float distance = IntrinsicMath.Abs((2f * (x - left) / width) - 1f);
        return Clip(distance, (int)k, clip);
    }

    /// <summary>
    /// <c>d^(1/k − 1)/k = r/(k·d)</c> with <c>r = d^(1/k)</c>, clipped. The root comes from Newton's iteration started above
    /// it (monotone descent, stopped when it no longer decreases), so only +, ·, / run: no pow, identical on the CPU and
    /// in PTX (ILGPU's PTX backend has no pow).
    /// </summary>
    private static float Clip(float distance, int k, float clip)
    {
        if (!(distance > 1e-30f))
        {
            return clip;
        }

        // Start at 2^⌈(e + 1)/k⌉ ≥ d^(1/k), where d = m·2^e with m in [1, 2).
        int exponent = (int)((Interop.FloatAsInt(distance) >> 23) & 0xFF) - 127;
        int rootExponent = exponent + 1 >= 0 ? (exponent + k) / k : -((-(exponent + 1)) / k);
        float root = Interop.IntAsFloat((uint)((rootExponent + 127) << 23));
        for (int iteration = 0; iteration < 64; iteration++)
        {
            float power = 1f;
            for (int i = 1; i < k; i++)
            {
                power *= root;
            }

            float next = root - (((power * root) - distance) / (k * power));
            if (!(next < root))
            {
                break;
            }

            root = next;
        }

        float derivative = root / (k * distance);
        return derivative < clip ? derivative : clip;
    }
}
