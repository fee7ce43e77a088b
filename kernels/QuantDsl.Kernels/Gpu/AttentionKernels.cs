using ILGPU;
using QuantDsl.Kernels.Reductions;

namespace QuantDsl.Kernels.Gpu;

/// <summary>
/// The causal softmax of attention scores [batch·heads × t × t] and its backward, one group per score row. The
/// score and value products run on <see cref="Gemm.Fp32Gemm"/> with batched operands.
/// </summary>
public static class AttentionKernels
{
    /// <summary>Threads per row group.</summary>
    public const int RowThreads = 128;

    /// <summary>Launch shape for <paramref name="rows"/> score rows (batch·heads·t): one group per row.</summary>
    public static KernelConfig RowConfig(int rows) => new(rows, RowThreads);

    /// <summary>
    /// Row <c>Grid.IdxX</c> (query i = row mod t) becomes <c>softmax(scale·s[0..i])</c>, zero after i (the mask).
    /// </summary>
    public static void SoftmaxForward(ArrayView<float> scores, int t, float scale)
    {
        var scratch = SharedMemory.Allocate<float>(GroupReduce.MaxWarps);
        int row = Grid.IdxX;
        int i = row - ((row / t) * t);
        int offset = row * t;
        float max = float.NegativeInfinity;
        for (int j = Group.IdxX; j <= i; j += Group.DimX)
        {
            float v = scores[offset + j] * scale;
            scores[offset + j] = v;
            max = IntrinsicMath.Max(max, v);
        }

        max = GroupReduce.Reduce(max, scratch, default(MaxReduction));
        float sum = 0f;
        for (int j = Group.IdxX; j <= i; j += Group.DimX)
        {
            float e = DeviceMath.Exp(scores[offset + j] - max);
            scores[offset + j] = e;
            sum += e;
        }

        float inverse = 1f / GroupReduce.Reduce(sum, scratch, default(FloatSumReduction));
        for (int j = Group.IdxX; j < t; j += Group.DimX)
        {
            scores[offset + j] = j <= i ? scores[offset + j] * inverse : 0f;
        }
    }

    /// <summary>
    /// Softmax backward in place on the score gradients: <c>dS = P ⊙ (dP − Σ_j dP·P)·scale</c> for j ≤ i, zero after.
    /// </summary>
    public static void SoftmaxBackward(ArrayView<float> gradients, ArrayView<float> probabilities, int t, float scale)
    {
        var scratch = SharedMemory.Allocate<float>(GroupReduce.MaxWarps);
        int row = Grid.IdxX;
        int i = row - ((row / t) * t);
        int offset = row * t;
        float dot = 0f;
        for (int j = Group.IdxX; j <= i; j += Group.DimX)
        {
            dot += gradients[offset + j] * probabilities[offset + j];
        }

        dot = GroupReduce.Reduce(dot, scratch, default(FloatSumReduction));
        for (int j = Group.IdxX; j < t; j += Group.DimX)
        {
            gradients[offset + j] = j <= i ? probabilities[offset + j] * (gradients[offset + j] - dot) * scale : 0f;
        }
    }
}
