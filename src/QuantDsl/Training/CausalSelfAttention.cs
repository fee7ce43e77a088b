using QuantDsl.Kernels.Simd;

namespace QuantDsl.Training;

/// <summary>
/// Multi-head causal self-attention. The QKV and output projections are linear layers from the model's factory
/// (quantized when the run is); the score and value products, the mask and the softmax stay in full precision,
/// as in the FP4 paper.
/// </summary>
public sealed class CausalSelfAttention : IDisposable
{
    private readonly int heads;
    private Tensor? input;
    private Tensor? qkv;
    private Tensor? attended;
    private float[] probabilities = [];
    private int batch;
    private int context;

    /// <summary>Creates the attention's two linear layers through <paramref name="linear"/>.</summary>
    public CausalSelfAttention(string name, int width, int heads, LinearFactory linear, int seed)
    {
        ArgumentNullException.ThrowIfNull(linear);
        if (width % heads != 0)
        {
            throw new ArgumentException($"Width {width} is not a multiple of the {heads} heads.", nameof(heads));
        }

        this.heads = heads;
        Width = width;
        Qkv = linear(name + ".qkv", width, 3 * width, true, seed);
        Proj = linear(name + ".proj", width, width, true, seed + 1);
    }

    /// <summary>Model width C.</summary>
    public int Width { get; }

    /// <summary>The joint query/key/value projection, C → 3C.</summary>
    public QuantLinear Qkv { get; }

    /// <summary>The output projection, C → C.</summary>
    public QuantLinear Proj { get; }

    private int HeadSize => Width / heads;

    /// <summary>Forward of <paramref name="x"/> [batch·context × C].</summary>
    public float[] Forward(float[] x, int batch, int context)
    {
        ArgumentNullException.ThrowIfNull(x);
        this.batch = batch;
        this.context = context;
        int rows = batch * context, c = Width, d = HeadSize, t = context;
        input = Tensor.FromArray(x, rows, c);
        qkv = Qkv.Forward(input);
        var q = qkv.HostData;
        var output = new float[rows * c];
        probabilities = new float[batch * heads * t * t];
        float scale = 1f / MathF.Sqrt(d);
        Parallel.For(0, batch * heads, bh =>
        {
            int b = bh / heads, h = bh - (b * heads);
            int rowOffset = b * t * 3 * c;
            int pOffset = bh * t * t;
            Fp32GemmCpu.Multiply(q, rowOffset + (h * d), 3 * c, false, q, rowOffset + c + (h * d), 3 * c, true, probabilities, pOffset, t, t, t, d, accumulate: false);
            for (int i = 0; i < t; i++)
            {
                var row = probabilities.AsSpan(pOffset + (i * t), t);
                float max = float.NegativeInfinity;
                for (int j = 0; j <= i; j++)
                {
                    row[j] *= scale;
                    max = MathF.Max(max, row[j]);
                }

                float sum = 0f;
                for (int j = 0; j <= i; j++)
                {
                    row[j] = MathF.Exp(row[j] - max);
                    sum += row[j];
                }

                float inverse = 1f / sum;
                for (int j = 0; j <= i; j++)
                {
                    row[j] *= inverse;
                }

                row[(i + 1)..].Clear();
            }

            Fp32GemmCpu.Multiply(probabilities, pOffset, t, false, q, rowOffset + (2 * c) + (h * d), 3 * c, false, output, b * t * c + (h * d), c, t, d, t, accumulate: false);
        });
        attended = Tensor.FromArray(output, rows, c);
        using var y = Proj.Forward(attended);
        return y.ToArray();
    }

    /// <summary>Backward of <paramref name="dy"/> [batch·context × C]; returns dx.</summary>
    public float[] Backward(float[] dy)
    {
        ArgumentNullException.ThrowIfNull(dy);
        int rows = batch * context, c = Width, d = HeadSize, t = context;
        using var gradient = Tensor.FromArray(dy, rows, c);
        using var dAttended = Proj.Backward(gradient);
        var dOut = dAttended.HostData;
        var q = qkv!.HostData;
        var dQkv = new float[rows * 3 * c];
        float scale = 1f / MathF.Sqrt(d);
        Parallel.For(0, batch * heads, () => new float[t * t], (bh, _, dScores) =>
        {
            int b = bh / heads, h = bh - (b * heads);
            int rowOffset = b * t * 3 * c;
            int outOffset = (b * t * c) + (h * d);
            int pOffset = bh * t * t;
            // dP = dO·Vᵀ; dV = Pᵀ·dO.
            Fp32GemmCpu.Multiply(dOut, outOffset, c, false, q, rowOffset + (2 * c) + (h * d), 3 * c, true, dScores, 0, t, t, t, d, accumulate: false);
            Fp32GemmCpu.Multiply(probabilities, pOffset, t, true, dOut, outOffset, c, false, dQkv, rowOffset + (2 * c) + (h * d), 3 * c, t, d, t, accumulate: false);
            // Softmax backward: dS = P ⊙ (dP − Σ_j dP·P), then the 1/√d of the scores.
            for (int i = 0; i < t; i++)
            {
                var p = probabilities.AsSpan(pOffset + (i * t), t);
                var ds = dScores.AsSpan(i * t, t);
                float dot = 0f;
                for (int j = 0; j <= i; j++)
                {
                    dot += ds[j] * p[j];
                }

                for (int j = 0; j <= i; j++)
                {
                    ds[j] = p[j] * (ds[j] - dot) * scale;
                }

                ds[(i + 1)..].Clear();
            }

            // dQ = dS·K; dK = dSᵀ·Q.
            Fp32GemmCpu.Multiply(dScores, 0, t, false, q, rowOffset + c + (h * d), 3 * c, false, dQkv, rowOffset + (h * d), 3 * c, t, d, t, accumulate: false);
            Fp32GemmCpu.Multiply(dScores, 0, t, true, q, rowOffset + (h * d), 3 * c, false, dQkv, rowOffset + c + (h * d), 3 * c, t, d, t, accumulate: false);
            return dScores;
        }, _ => { });
        using var dq = Tensor.FromArray(dQkv, rows, 3 * c);
        using var dx = Qkv.Backward(dq);
        return dx.ToArray();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Qkv.Dispose();
        Proj.Dispose();
        input?.Dispose();
        qkv?.Dispose();
        attended?.Dispose();
    }
}
