namespace QuantDsl.Training;

/// <summary>
/// AdamW (decoupled weight decay) over fp32 master weights and fp32 moments. Decay applies only to parameters
/// marked for it (linear-layer weights). Each update bumps the parameter's version, so cached quantized weights
/// are re-derived on the next forward.
/// </summary>
public sealed class AdamW
{
    private readonly IReadOnlyList<TrainableParameter> parameters;

    /// <summary>Creates the optimizer with zero moments.</summary>
    public AdamW(IReadOnlyList<TrainableParameter> parameters, float beta1 = 0.9f, float beta2 = 0.95f, float epsilon = 1e-8f, float weightDecay = 0.1f)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.parameters = parameters;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        FirstMoments = parameters.Select(p => new float[p.Parameter.Value.Length]).ToArray();
        SecondMoments = parameters.Select(p => new float[p.Parameter.Value.Length]).ToArray();
    }

    /// <summary>β1.</summary>
    public float Beta1 { get; }

    /// <summary>β2.</summary>
    public float Beta2 { get; }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <summary>Decoupled weight decay λ.</summary>
    public float WeightDecay { get; }

    /// <summary>Updates taken so far.</summary>
    public int Step { get; set; }

    /// <summary>First moments, one array per parameter in order.</summary>
    public IReadOnlyList<float[]> FirstMoments { get; }

    /// <summary>Second moments, one array per parameter in order.</summary>
    public IReadOnlyList<float[]> SecondMoments { get; }

    /// <summary>
    /// One update with learning rate <paramref name="learningRate"/>. Throws <see cref="NonFiniteValueException"/>
    /// before changing anything when a gradient holds NaN or ±∞.
    /// </summary>
    public void Update(float learningRate)
    {
        foreach (var p in parameters)
        {
            if (p.Parameter.Grad is { } grad && Kernels.Simd.Int8Simd.CountNonFinite(grad.HostData) is int bad and > 0)
            {
                throw new NonFiniteValueException($"The gradient of {p.Name} holds {bad} NaN/∞ values; no parameter was updated.");
            }
        }

        Step++;
        float correction1 = 1f - MathF.Pow(Beta1, Step);
        float correction2 = 1f - MathF.Pow(Beta2, Step);
        for (int index = 0; index < parameters.Count; index++)
        {
            var p = parameters[index];
            if (p.Parameter.Grad is not { } gradTensor || !p.Parameter.RequiresGrad)
            {
                continue;
            }

            var value = p.Parameter.Value.HostData;
            var grad = gradTensor.HostData;
            var m = FirstMoments[index];
            var v = SecondMoments[index];
            float decay = p.WeightDecay ? WeightDecay : 0f;
            for (int i = 0; i < value.Length; i++)
            {
                float g = grad[i];
                m[i] = (Beta1 * m[i]) + ((1f - Beta1) * g);
                v[i] = (Beta2 * v[i]) + ((1f - Beta2) * g * g);
                float update = (m[i] / correction1) / (MathF.Sqrt(v[i] / correction2) + Epsilon);
                value[i] -= learningRate * (update + (decay * value[i]));
            }

            p.Parameter.Value.MarkModified();
        }
    }
}
