using QuantDsl.Kernels.Gpu;

namespace QuantDsl.Training;

/// <summary>Global-norm gradient clipping.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales every gradient by <c>maxNorm / ‖g‖</c> when the global L2 norm exceeds <paramref name="maxNorm"/>. On an
    /// accelerator the norm and the scaling stay on the device; only the norm comes back.
    /// </summary>
    /// <returns>The norm before clipping (NaN/∞ when a gradient is not finite; nothing is scaled then).</returns>
    /// <exception cref="ArgumentException">The gradients are on different devices.</exception>
    public static float ClipGlobalNorm(IEnumerable<TrainableParameter> parameters, float maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var grads = parameters.Select(p => p.Parameter.Grad).OfType<Tensor>().ToList();
        if (grads.Count > 0 && grads.Any(g => g.Device != grads[0].Device))
        {
            throw new ArgumentException(
                $"Global-norm clipping needs every gradient on one device; found {string.Join(", ", grads.Select(g => g.Device.Name).Distinct())}.", nameof(parameters));
        }

        if (grads.Count > 0 && grads[0].Device.IsAccelerator)
        {
            return ClipOnDevice(grads, maxNorm);
        }

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

    private static float ClipOnDevice(List<Tensor> grads, float maxNorm)
    {
        var device = grads[0].Device;
        var gpu = device.Gpu;
        var firsts = new int[grads.Count];
        int partials = 0;
        for (int i = 0; i < grads.Count; i++)
        {
            firsts[i] = partials;
            partials += OptimizerKernels.PartialCount(grads[i].Length);
        }

        using var partialSums = Tensor.Zeros(device, partials);
        using var normSquared = Tensor.Zeros(device, 1);
        for (int i = 0; i < grads.Count; i++)
        {
            gpu.Launch(
                OptimizerKernels.SumOfSquares,
                new ILGPU.KernelConfig(OptimizerKernels.PartialCount(grads[i].Length), OptimizerKernels.Threads),
                grads[i].View,
                grads[i].Length,
                partialSums.View,
                firsts[i]);
        }

        gpu.Launch(OptimizerKernels.Total, new ILGPU.KernelConfig(1, OptimizerKernels.Threads), partialSums.View, partials, normSquared.View);
        foreach (var grad in grads)
        {
            gpu.Launch(OptimizerKernels.ClipScale, OptimizerKernels.Config(grad.Length), grad.View, grad.Length, normSquared.View, maxNorm);
            grad.MarkModified();
        }

        return MathF.Sqrt(normSquared.ToArray()[0]);
    }
}
