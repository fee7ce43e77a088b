using ILGPU.Runtime;
using QuantDsl.Kernels.Gpu;

namespace QuantDsl.Training;

/// <summary>Softmax cross-entropy, mean over rows, with its gradient.</summary>
public static class CrossEntropy
{
    /// <summary>
    /// The mean of <c>−log softmax(logits[r])[targets[r]]</c> over the rows; when <paramref name="gradient"/> is given,
    /// fills it with d(mean loss)/d(logits) = (softmax − onehot)/rows.
    /// </summary>
    public static float Loss(float[] logits, int[] targets, int rows, int classes, float[]? gradient)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        var losses = new double[rows];
        float inverseRows = 1f / rows;
        Parallel.For(0, rows, r =>
        {
            var row = logits.AsSpan(r * classes, classes);
            int target = targets[r];
            if ((uint)target >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), $"Target {target} at row {r} is outside the {classes} classes.");
            }

            float max = float.NegativeInfinity;
            foreach (float v in row)
            {
                max = MathF.Max(max, v);
            }

            double sum = 0;
            foreach (float v in row)
            {
                sum += Math.Exp(v - max);
            }

            double logSum = max + Math.Log(sum);
            losses[r] = logSum - row[target];
            if (gradient is not null)
            {
                var g = gradient.AsSpan(r * classes, classes);
                for (int j = 0; j < classes; j++)
                {
                    g[j] = (float)Math.Exp(row[j] - logSum) * inverseRows;
                }

                g[target] -= inverseRows;
            }
        });
        return (float)(losses.Sum() / rows);
    }

    /// <summary>
    /// As <see cref="Loss(float[], int[], int, int, float[])"/> for logits [rows × classes] on any device; only the mean
    /// loss comes back to the host. <paramref name="gradient"/>, when given, has the logits' shape and device.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A target is outside the classes (checked before any work).</exception>
    public static float Loss(Tensor logits, int[] targets, Tensor? gradient)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (logits.Rank != 2 || targets.Length != logits.Shape[0])
        {
            throw new ArgumentException($"Cross-entropy needs logits [rows, classes] and one target per row; got logits {logits.ShapeText} and {targets.Length} targets.");
        }

        if (gradient is not null)
        {
            TrainingTensors.CheckSame(logits, gradient, "cross-entropy gradient");
        }

        int rows = logits.Shape[0], classes = logits.Shape[1];
        for (int r = 0; r < rows; r++)
        {
            if ((uint)targets[r] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), $"Target {targets[r]} at row {r} is outside the {classes} classes.");
            }
        }

        if (!logits.Device.IsAccelerator)
        {
            float result = Loss(logits.HostData, targets, rows, classes, gradient?.HostData);
            gradient?.MarkModified();
            return result;
        }

        var gpu = logits.Device.Gpu;
        using var deviceTargets = gpu.RentScratch<int>(rows);
        deviceTargets.View.CopyFromCPU(gpu.Stream, targets);
        using var losses = Tensor.Zeros(logits.Device, rows);
        using var mean = Tensor.Zeros(logits.Device, 1);
        if (gradient is null)
        {
            gpu.Launch(CrossEntropyKernels.RowLoss, CrossEntropyKernels.RowConfig(rows), logits.View, deviceTargets.View.AsContiguous(), losses.View, classes);
        }
        else
        {
            gpu.Launch(
                CrossEntropyKernels.RowLossAndGradient,
                CrossEntropyKernels.RowConfig(rows),
                logits.View,
                deviceTargets.View.AsContiguous(),
                losses.View,
                gradient.View,
                classes,
                1f / rows);
            gradient.MarkModified();
        }

        gpu.Launch(CrossEntropyKernels.Mean, CrossEntropyKernels.MeanConfig, losses.View, mean.View, rows);
        return mean.ToArray()[0];
    }
}
