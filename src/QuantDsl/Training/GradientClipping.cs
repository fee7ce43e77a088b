namespace QuantDsl.Training;

/// <summary>Global-norm gradient clipping.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales every gradient by <c>maxNorm / ‖g‖</c> when the global L2 norm exceeds <paramref name="maxNorm"/>.
    /// </summary>
    /// <returns>The norm before clipping (NaN/∞ when a gradient is not finite; nothing is scaled then).</returns>
    public static float ClipGlobalNorm(IEnumerable<TrainableParameter> parameters, float maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var grads = parameters.Select(p => p.Parameter.Grad).OfType<Tensor>().ToList();
        double sum = 0;
        foreach (var grad in grads)
        {
            foreach (float v in grad.HostData)
            {
                sum += (double)v * v;
            }
        }

        float norm = (float)Math.Sqrt(sum);
        if (float.IsFinite(norm) && norm > maxNorm)
        {
            float scale = maxNorm / norm;
            foreach (var grad in grads)
            {
                var data = grad.HostData;
                for (int i = 0; i < data.Length; i++)
                {
                    data[i] *= scale;
                }

                grad.MarkModified();
            }
        }

        return norm;
    }
}
