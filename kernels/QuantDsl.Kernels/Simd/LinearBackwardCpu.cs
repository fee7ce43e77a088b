namespace QuantDsl.Kernels.Simd;

/// <summary>
/// CPU backward GEMMs of a linear layer Y = X·Wᵀ with W stored [out × in]:
/// <c>dX = dY·W_deq</c> (from int8 codes) and <c>dW += dYᵀ·X</c>, <c>db += Σ_t dY</c> (fp32).
/// </summary>
public static class LinearBackwardCpu
{
    /// <summary>
    /// <c>dx[t, :] = Σ_o dy[t, o] · (absMax[o]/127) · codes[o, :]</c>: the input gradient against the
    /// dequantized int8 weight. Overwrites <paramref name="dx"/> [tokens × inFeatures].
    /// </summary>
    public static void InputGradientFromInt8(
        float[] dy, sbyte[] codes, int codeStride, float[] absMax, float[] dx, int tokens, int outFeatures, int inFeatures)
    {
        Parallel.For(0, tokens, t =>
        {
            var dxRow = new Span<float>(dx, t * inFeatures, inFeatures);
            dxRow.Clear();
            for (int o = 0; o < outFeatures; o++)
            {
                float g = dy[(t * outFeatures) + o];
                if (g != 0f)
                {
                    float alpha = g * (absMax[o] * (1f / Formats.Int8Format.QMax));
                    Fp32Simd.AxpyInt8(alpha, new ReadOnlySpan<sbyte>(codes, o * codeStride, inFeatures), dxRow);
                }
            }
        });
    }

    /// <summary><c>grad[o, :] += Σ_t dy[t, o] · x[t, :]</c> (weight gradient, fp32, accumulated).</summary>
    public static void AccumulateWeightGradient(float[] dy, float[] x, float[] grad, int tokens, int outFeatures, int inFeatures)
    {
        Parallel.For(0, outFeatures, o =>
        {
            var gradRow = new Span<float>(grad, o * inFeatures, inFeatures);
            for (int t = 0; t < tokens; t++)
            {
                float g = dy[(t * outFeatures) + o];
                if (g != 0f)
                {
                    Fp32Simd.Axpy(g, new ReadOnlySpan<float>(x, t * inFeatures, inFeatures), gradRow);
                }
            }
        });
    }

    /// <summary><c>grad[o] += Σ_t dy[t, o]</c> (bias gradient).</summary>
    public static void AccumulateBiasGradient(float[] dy, float[] grad, int tokens, int outFeatures)
    {
        for (int t = 0; t < tokens; t++)
        {
            Fp32Simd.Axpy(1f, new ReadOnlySpan<float>(dy, t * outFeatures, outFeatures), grad.AsSpan(0, outFeatures));
        }
    }
}
