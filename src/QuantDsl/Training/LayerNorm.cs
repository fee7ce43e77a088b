using QuantDsl.Kernels.Gpu;

namespace QuantDsl.Training;

/// <summary>
/// LayerNorm over the last dimension, <c>y = (x − mean)/√(var + ε)·g + b</c> (biased variance, ε = 1e-5), with its
/// exact backward. Keeps the normalized input and 1/σ of the last forward for the backward. Runs on the device of
/// its parameters: the SIMD CPU loops, or one ILGPU group per row.
/// </summary>
public sealed class LayerNorm : IDisposable
{
    private const float Epsilon = 1e-5f;
    private readonly string name;
    private Tensor? normalized;
    private Tensor? inverseStd;

    /// <summary>Creates the norm with g = 1, b = 0.</summary>
    /// <param name="name">Name prefix of its parameters.</param>
    /// <param name="features">Normalized features.</param>
    public LayerNorm(string name, int features)
    {
        this.name = name;
        Features = features;
        var ones = new float[features];
        Array.Fill(ones, 1f);
        Gain = new Parameter(name + ".weight", Tensor.FromArray(ones, features));
        Shift = new Parameter(name + ".bias", Tensor.Zeros(Device.Cpu(), features));
    }

    /// <summary>Normalized features.</summary>
    public int Features { get; }

    /// <summary>The gain g.</summary>
    public Parameter Gain { get; }

    /// <summary>The shift b.</summary>
    public Parameter Shift { get; }

    /// <summary>The device of the parameters (where the norm runs).</summary>
    public Device Device => Gain.Value.Device;

    /// <summary>Normalizes each row of <paramref name="x"/> [rows × features] into a new tensor on the norm's device.</summary>
    public Tensor Forward(Tensor x)
    {
        TrainingTensors.CheckMatrix(x, Features, Device, $"LayerNorm {name}", "x");
        int rows = x.Shape[0], n = Features;
        var y = Tensor.Zeros(Device, rows, n);
        var xhat = TrainingTensors.Replace(ref normalized, Tensor.Zeros(Device, rows, n));
        var rstds = TrainingTensors.Replace(ref inverseStd, Tensor.Zeros(Device, rows));
        if (Device.IsAccelerator)
        {
            Device.Gpu.Launch(
                LayerNormKernels.Forward, LayerNormKernels.RowConfig(rows), x.View, Gain.Value.View, Shift.Value.View, y.View, xhat.View, rstds.View, n, Epsilon);
            return y;
        }

        var input = x.HostData;
        var output = y.HostData;
        var normalizedData = xhat.HostData;
        var inverseStdData = rstds.HostData;
        var g = Gain.Value.HostData;
        var b = Shift.Value.HostData;
        Parallel.For(0, rows, r =>
        {
            var row = input.AsSpan(r * n, n);
            double mean = 0;
            foreach (float v in row)
            {
                mean += v;
            }

            mean /= n;
            double variance = 0;
            foreach (float v in row)
            {
                variance += (v - mean) * (v - mean);
            }

            float rstd = (float)(1.0 / Math.Sqrt((variance / n) + Epsilon));
            inverseStdData[r] = rstd;
            for (int j = 0; j < n; j++)
            {
                float value = (float)((row[j] - mean) * rstd);
                normalizedData[(r * n) + j] = value;
                output[(r * n) + j] = (value * g[j]) + b[j];
            }
        });
        return y;
    }

    /// <summary>Returns dx for <paramref name="dy"/> and adds dg, db to the gradients.</summary>
    public Tensor Backward(Tensor dy)
    {
        TrainingTensors.CheckMatrix(dy, Features, Device, $"LayerNorm {name}", "dy");
        var xhat = normalized ?? throw new InvalidOperationException($"LayerNorm {name}.Backward needs a Forward call first.");
        int rows = dy.Shape[0], n = Features;
        if (rows != xhat.Shape[0])
        {
            throw new ArgumentException($"LayerNorm {name} expects dy of shape [{xhat.Shape[0]}, {n}] (the last forward's rows) but got {dy.ShapeText}.", nameof(dy));
        }

        var dx = Tensor.Zeros(Device, rows, n);
        var gainGrad = Gain.EnsureGrad();
        var shiftGrad = Shift.EnsureGrad();
        if (Device.IsAccelerator)
        {
            var gpu = Device.Gpu;
            Runtime.DeviceReductions.AccumulateLayerNormGradients(gpu, dy.View, xhat.View, rows, n, gainGrad.View, shiftGrad.View);
            gpu.Launch(LayerNormKernels.BackwardInput, LayerNormKernels.RowConfig(rows), dy.View, Gain.Value.View, xhat.View, inverseStd!.View, dx.View, n);
        }
        else
        {
            BackwardCpu(dy.HostData, xhat.HostData, inverseStd!.HostData, gainGrad.HostData, shiftGrad.HostData, dx.HostData, rows);
        }

        gainGrad.MarkModified();
        shiftGrad.MarkModified();
        return dx;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Gain.Dispose();
        Shift.Dispose();
        normalized?.Dispose();
        inverseStd?.Dispose();
    }

    /// <summary>Moves the parameters to <paramref name="device"/> and drops the saved forward state.</summary>
    internal void MoveTo(Device device)
    {
        normalized?.Dispose();
        inverseStd?.Dispose();
        normalized = null;
        inverseStd = null;
        Gain.MoveTo(device);
        Shift.MoveTo(device);
    }

    private void BackwardCpu(float[] dy, float[] normalizedData, float[] inverseStdData, float[] dg, float[] db, float[] dx, int rows)
    {
        int n = Features;
        var g = Gain.Value.HostData;
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < n; j++)
            {
                dg[j] += dy[(r * n) + j] * normalizedData[(r * n) + j];
                db[j] += dy[(r * n) + j];
            }
        }

        Parallel.For(0, rows, r =>
        {
            double meanD = 0, meanDx = 0;
            for (int j = 0; j < n; j++)
            {
                double d = dy[(r * n) + j] * g[j];
                meanD += d;
                meanDx += d * normalizedData[(r * n) + j];
            }

            meanD /= n;
            meanDx /= n;
            for (int j = 0; j < n; j++)
            {
                double d = dy[(r * n) + j] * g[j];
                dx[(r * n) + j] = (float)(inverseStdData[r] * (d - meanD - (normalizedData[(r * n) + j] * meanDx)));
            }
        });
    }
}
