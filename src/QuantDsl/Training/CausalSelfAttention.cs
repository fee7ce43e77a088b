using QuantDsl.Kernels.Gemm;
using QuantDsl.Kernels.Gpu;
using QuantDsl.Kernels.Simd;

namespace QuantDsl.Training;

/// <summary>
/// Multi-head causal self-attention. The QKV and output projections are linear layers from the model's factory
/// (quantized when the run is); the score and value products, the mask and the softmax stay in full precision,
/// as in the FP4 paper. On an accelerator every (batch, head) product is one batched <see cref="Fp32Gemm"/> launch.
/// </summary>
public sealed class CausalSelfAttention : IDisposable
{
    private readonly int heads;
    private Tensor? qkv;
    private Tensor? attended;
    private Tensor? probabilities;
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

    /// <summary>
    /// Forward of <paramref name="x"/> [batch·context × C] on the layers' device; <paramref name="x"/> must stay alive
    /// until <see cref="Backward"/> (the QKV layer keeps it).
    /// </summary>
    public Tensor Forward(Tensor x, int batch, int context)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2 || batch <= 0 || context <= 0 || x.Shape[0] != batch * context)
        {
            throw new ArgumentException($"Attention expects x of shape [{batch}·{context}, {Width}] but got {x.ShapeText}.", nameof(x));
        }

        this.batch = batch;
        this.context = context;
        int rows = batch * context, c = Width, t = context;
        var device = Qkv.Device;
        var q = TrainingTensors.Replace(ref qkv, Qkv.Forward(x));
        var p = TrainingTensors.Replace(ref probabilities, Tensor.Zeros(device, batch * heads, t, t));
        var output = TrainingTensors.Replace(ref attended, Tensor.Zeros(device, rows, c));
        if (device.IsAccelerator)
        {
            ForwardGpu(device, q, p, output);
        }
        else
        {
            ForwardCpu(q.HostData, p.HostData, output.HostData);
        }

        return Proj.Forward(output);
    }

    /// <summary>Backward of <paramref name="dy"/> [batch·context × C]; returns dx.</summary>
    public Tensor Backward(Tensor dy)
    {
        ArgumentNullException.ThrowIfNull(dy);
        var q = qkv ?? throw new InvalidOperationException("Attention.Backward needs a Forward call first.");
        int rows = batch * context, c = Width;
        using var dAttended = Proj.Backward(dy);
        using var dQkv = Tensor.Zeros(q.Device, rows, 3 * c);
        if (q.Device.IsAccelerator)
        {
            BackwardGpu(q.Device, q, probabilities!, dAttended, dQkv);
        }
        else
        {
            BackwardCpu(q.HostData, probabilities!.HostData, dAttended.HostData, dQkv.HostData);
        }

        return Qkv.Backward(dQkv);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Qkv.Dispose();
        Proj.Dispose();
        qkv?.Dispose();
        attended?.Dispose();
        probabilities?.Dispose();
    }

    /// <summary>Moves both layers to <paramref name="device"/> and drops the saved forward state.</summary>
    internal void MoveTo(Device device)
    {
        qkv?.Dispose();
        attended?.Dispose();
        probabilities?.Dispose();
        qkv = null;
        attended = null;
        probabilities = null;
        Qkv.MoveTo(device);
        Proj.MoveTo(device);
    }

    private void ForwardGpu(Device device, Tensor q, Tensor p, Tensor output)
    {
        var gpu = device.Gpu;
        int c = Width, d = HeadSize, t = context, bh = batch * heads;
        // S = Q·Kᵀ per (batch, head), then the masked softmax in place, then O = P·V into the head's columns.
        gpu.Launch(
            Fp32Gemm.Kernel,
            BatchedAddress.Config(t, t, bh),
            new BatchedRowMajor(q.View, 0, 3 * c, t * 3 * c, d, heads),
            new BatchedTransposed(q.View, c, 3 * c, t * 3 * c, d, heads),
            new BatchedStoreRowMajor(p.View, 0, t, heads * t * t, t * t, heads),
            t,
            t,
            d);
        gpu.Launch(AttentionKernels.SoftmaxForward, AttentionKernels.RowConfig(bh * t), p.View, t, 1f / MathF.Sqrt(d));
        gpu.Launch(
            Fp32Gemm.Kernel,
            BatchedAddress.Config(t, d, bh),
            new BatchedRowMajor(p.View, 0, t, heads * t * t, t * t, heads),
            new BatchedRowMajor(q.View, 2 * c, 3 * c, t * 3 * c, d, heads),
            new BatchedStoreRowMajor(output.View, 0, c, t * c, d, heads),
            t,
            d,
            t);
    }

    private void BackwardGpu(Device device, Tensor q, Tensor p, Tensor dOut, Tensor dQkv)
    {
        var gpu = device.Gpu;
        int c = Width, d = HeadSize, t = context, bh = batch * heads;
        var scoreLayout = (Stride: t, Batch: heads * t * t, Head: t * t);
        using var dScores = Tensor.Zeros(device, bh, t, t);
        // dP = dO·Vᵀ; dV = Pᵀ·dO.
        gpu.Launch(
            Fp32Gemm.Kernel,
            BatchedAddress.Config(t, t, bh),
            new BatchedRowMajor(dOut.View, 0, c, t * c, d, heads),
            new BatchedTransposed(q.View, 2 * c, 3 * c, t * 3 * c, d, heads),
            new BatchedStoreRowMajor(dScores.View, 0, scoreLayout.Stride, scoreLayout.Batch, scoreLayout.Head, heads),
            t,
            t,
            d);
        gpu.Launch(
            Fp32Gemm.Kernel,
            BatchedAddress.Config(t, d, bh),
            new BatchedTransposed(p.View, 0, scoreLayout.Stride, scoreLayout.Batch, scoreLayout.Head, heads),
            new BatchedRowMajor(dOut.View, 0, c, t * c, d, heads),
            new BatchedStoreRowMajor(dQkv.View, 2 * c, 3 * c, t * 3 * c, d, heads),
            t,
            d,
            t);
        gpu.Launch(AttentionKernels.SoftmaxBackward, AttentionKernels.RowConfig(bh * t), dScores.View, p.View, t, 1f / MathF.Sqrt(d));
        // dQ = dS·K; dK = dSᵀ·Q.
        gpu.Launch(
            Fp32Gemm.Kernel,
            BatchedAddress.Config(t, d, bh),
            new BatchedRowMajor(dScores.View, 0, scoreLayout.Stride, scoreLayout.Batch, scoreLayout.Head, heads),
            new BatchedRowMajor(q.View, c, 3 * c, t * 3 * c, d, heads),
            new BatchedStoreRowMajor(dQkv.View, 0, 3 * c, t * 3 * c, d, heads),
            t,
            d,
            t);
        gpu.Launch(
            Fp32Gemm.Kernel,
            BatchedAddress.Config(t, d, bh),
            new BatchedTransposed(dScores.View, 0, scoreLayout.Stride, scoreLayout.Batch, scoreLayout.Head, heads),
            new BatchedRowMajor(q.View, 0, 3 * c, t * 3 * c, d, heads),
            new BatchedStoreRowMajor(dQkv.View, c, 3 * c, t * 3 * c, d, heads),
            t,
            d,
            t);
    }

    private void ForwardCpu(float[] q, float[] probabilityData, float[] output)
    {
        int c = Width, d = HeadSize, t = context;
        float scale = 1f / MathF.Sqrt(d);
        Parallel.For(0, batch * heads, bh =>
        {
            int b = bh / heads, h = bh - (b * heads);
            int rowOffset = b * t * 3 * c;
            int pOffset = bh * t * t;
            Fp32GemmCpu.Multiply(q, rowOffset + (h * d), 3 * c, false, q, rowOffset + c + (h * d), 3 * c, true, probabilityData, pOffset, t, t, t, d, accumulate: false);
            for (int i = 0; i < t; i++)
            {
                var row = probabilityData.AsSpan(pOffset + (i * t), t);
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

            Fp32GemmCpu.Multiply(probabilityData, pOffset, t, false, q, rowOffset + (2 * c) + (h * d), 3 * c, false, output, (b * t * c) + (h * d), c, t, d, t, accumulate: false);
        });
    }

    private void BackwardCpu(float[] q, float[] probabilityData, float[] dOut, float[] dQkv)
    {
        int c = Width, d = HeadSize, t = context;
        float scale = 1f / MathF.Sqrt(d);
        Parallel.For(0, batch * heads, () => new float[t * t], (bh, _, dScores) =>
        {
            int b = bh / heads, h = bh - (b * heads);
            int rowOffset = b * t * 3 * c;
            int outOffset = (b * t * c) + (h * d);
            int pOffset = bh * t * t;
            // dP = dO·Vᵀ; dV = Pᵀ·dO.
            Fp32GemmCpu.Multiply(dOut, outOffset, c, false, q, rowOffset + (2 * c) + (h * d), 3 * c, true, dScores, 0, t, t, t, d, accumulate: false);
            Fp32GemmCpu.Multiply(probabilityData, pOffset, t, true, dOut, outOffset, c, false, dQkv, rowOffset + (2 * c) + (h * d), 3 * c, t, d, t, accumulate: false);
            // Softmax backward: dS = P ⊙ (dP − Σ_j dP·P), then the 1/√d of the scores.
            for (int i = 0; i < t; i++)
            {
                var p = probabilityData.AsSpan(pOffset + (i * t), t);
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
    }
}
