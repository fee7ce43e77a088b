namespace QuantDsl.Training;

/// <summary>
/// LayerNorm over the last dimension, <c>y = (x − mean)/√(var + ε)·g + b</c> (biased variance, ε = 1e-5), with its
/// exact backward. Keeps the normalized input and 1/σ of the last forward for the backward.
/// </summary>
public sealed class LayerNorm
{
    private const float Epsilon = 1e-5f;
    private float[] normalized = [];
    private float[] inverseStd = [];

    /// <summary>Creates the norm with g = 1, b = 0.</summary>
    /// <param name="name">Name prefix of its parameters.</param>
    /// <param name="features">Normalized features.</param>
    public LayerNorm(string name, int features)
    {
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

    /// <summary>Normalizes each row of <paramref name="x"/> [rows × features] into a new array.</summary>
    public float[] Forward(float[] x, int rows)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = Features;
        var y = new float[rows * n];
        normalized = new float[rows * n];
        inverseStd = new float[rows];
        var g = Gain.Value.HostData;
        var b = Shift.Value.HostData;
        Parallel.For(0, rows, r =>
        {
            var row = x.AsSpan(r * n, n);
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
            inverseStd[r] = rstd;
            for (int j = 0; j < n; j++)
            {
                float xhat = (float)((row[j] - mean) * rstd);
                normalized[(r * n) + j] = xhat;
                y[(r * n) + j] = (xhat * g[j]) + b[j];
            }
        });
        return y;
    }

    /// <summary>Returns dx for <paramref name="dy"/> and adds dg, db to the gradients.</summary>
    public float[] Backward(float[] dy, int rows)
    {
        ArgumentNullException.ThrowIfNull(dy);
        int n = Features;
        var dx = new float[rows * n];
        var g = Gain.Value.HostData;
        var dg = Gain.EnsureGrad().HostData;
        var db = Shift.EnsureGrad().HostData;
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < n; j++)
            {
                dg[j] += dy[(r * n) + j] * normalized[(r * n) + j];
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
                meanDx += d * normalized[(r * n) + j];
            }

            meanD /= n;
            meanDx /= n;
            for (int j = 0; j < n; j++)
            {
                double d = dy[(r * n) + j] * g[j];
                dx[(r * n) + j] = (float)(inverseStd[r] * (d - meanD - (normalized[(r * n) + j] * meanDx)));
            }
        });
        Gain.Grad!.MarkModified();
        Shift.Grad!.MarkModified();
        return dx;
    }
}
