using ILGPU;
using ILGPU.Runtime;
using QuantDsl.Kernels.Gpu;

namespace QuantDsl.Training;

/// <summary>
/// AdamW (decoupled weight decay) over fp32 master weights and fp32 moments. Decay applies only to parameters
/// marked for it (linear-layer weights). Each update bumps the parameter's version, so cached quantized weights
/// are re-derived on the next forward. The moments live on the parameters' device; the update runs there.
/// </summary>
public sealed class AdamW
{
    private readonly IReadOnlyList<TrainableParameter> parameters;
    private readonly Tensor[] firstMoments;
    private readonly Tensor[] secondMoments;

    /// <summary>Creates the optimizer with zero moments on each parameter's device (create it after moving the model).</summary>
    public AdamW(IReadOnlyList<TrainableParameter> parameters, float beta1 = 0.9f, float beta2 = 0.95f, float epsilon = 1e-8f, float weightDecay = 0.1f)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.parameters = parameters;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        firstMoments = [.. parameters.Select(p => Tensor.Zeros(p.Parameter.Value.Device, [.. p.Parameter.Value.Shape]))];
        secondMoments = [.. parameters.Select(p => Tensor.Zeros(p.Parameter.Value.Device, [.. p.Parameter.Value.Shape]))];
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

    /// <summary>First moments, one tensor per parameter in order, on the parameter's device (copy with <c>ToArray</c>/<c>CopyFrom</c>).</summary>
    public IReadOnlyList<Tensor> FirstMoments => firstMoments;

    /// <summary>Second moments, one tensor per parameter in order, on the parameter's device.</summary>
    public IReadOnlyList<Tensor> SecondMoments => secondMoments;

    /// <summary>
    /// One update with learning rate <paramref name="learningRate"/>. Throws <see cref="NonFiniteValueException"/>
    /// before changing anything when a gradient holds NaN or ±∞ (on an accelerator the counts are the only data
    /// read back).
    /// </summary>
    /// <exception cref="InvalidOperationException">A parameter was moved to another device after the optimizer was created.</exception>
    public void Update(float learningRate)
    {
        for (int index = 0; index < parameters.Count; index++)
        {
            var value = parameters[index].Parameter.Value;
            if (value.Device != firstMoments[index].Device)
            {
                throw new InvalidOperationException(
                    $"{parameters[index].Name} {value.ShapeText} is on {value.Device} but its AdamW moments are on {firstMoments[index].Device}; create the optimizer after moving the model.");
            }
        }

        var counts = CountNonFinite();
        for (int index = 0; index < parameters.Count; index++)
        {
            if (counts[index] > 0)
            {
                throw new NonFiniteValueException($"The gradient of {parameters[index].Name} holds {counts[index]} NaN/∞ values; no parameter was updated.");
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

            float decay = p.WeightDecay ? WeightDecay : 0f;
            var valueTensor = p.Parameter.Value;
            if (valueTensor.Device.IsAccelerator)
            {
                valueTensor.Device.Gpu.Launch(
                    OptimizerKernels.AdamW,
                    OptimizerKernels.Config(valueTensor.Length),
                    valueTensor.View,
                    gradTensor.View,
                    firstMoments[index].View,
                    secondMoments[index].View,
                    valueTensor.Length,
                    learningRate,
                    Beta1,
                    Beta2,
                    correction1,
                    correction2,
                    Epsilon,
                    decay);
            }
            else
            {
                var value = valueTensor.HostData;
                var grad = gradTensor.HostData;
                var m = firstMoments[index].HostData;
                var v = secondMoments[index].HostData;
                for (int i = 0; i < value.Length; i++)
                {
                    float g = grad[i];
                    m[i] = (Beta1 * m[i]) + ((1f - Beta1) * g);
                    v[i] = (Beta2 * v[i]) + ((1f - Beta2) * g * g);
                    float update = (m[i] / correction1) / (MathF.Sqrt(v[i] / correction2) + Epsilon);
                    value[i] -= learningRate * (update + (decay * value[i]));
                }
            }

            firstMoments[index].MarkModified();
            secondMoments[index].MarkModified();
            valueTensor.MarkModified();
        }
    }

    private int[] CountNonFinite()
    {
        var counts = new int[parameters.Count];
        var onDevice = new List<int>();
        for (int index = 0; index < parameters.Count; index++)
        {
            if (parameters[index].Parameter.Grad is not { } grad)
            {
                continue;
            }

            if (grad.Device.IsAccelerator)
            {
                onDevice.Add(index);
            }
            else
            {
                counts[index] = Kernels.Simd.Int8Simd.CountNonFinite(grad.HostData);
            }
        }

        if (onDevice.Count == 0)
        {
            return counts;
        }

        // One counter per gradient, one read back for all of them.
        var device = parameters[onDevice[0]].Parameter.Value.Device;
        var gpu = device.Gpu;
        using var deviceCounts = gpu.RentScratch<int>(parameters.Count);
        deviceCounts.View.MemSetToZero(gpu.Stream);
        ArrayView<int> countView = deviceCounts.View;
        foreach (int index in onDevice)
        {
            var grad = parameters[index].Parameter.Grad!;
            if (grad.Device != device)
            {
                throw new InvalidOperationException($"AdamW: {parameters[index].Name} is on {grad.Device}, another accelerator than {device}.");
            }

            gpu.Launch(ReductionKernels.CountNonFinite, ReductionKernels.Config(Math.Min(grad.Length, 1 << 20)), grad.View, grad.Length, countView.SubView(index, 1));
        }

        var deviceResult = new int[parameters.Count];
        deviceCounts.View.CopyToCPU(gpu.Stream, deviceResult);
        gpu.Synchronize();
        foreach (int index in onDevice)
        {
            counts[index] = deviceResult[index];
        }

        return counts;
    }
}
