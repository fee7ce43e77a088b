using ILGPU;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Reductions;

namespace QuantDsl.Kernels.Gpu;

/// <summary>
/// The optimizer step on the device: the AdamW update (elementwise), and global-norm clipping as per-tensor partial
/// sums of squares, a one-group total, and a scale every thread derives from that total (no host round trip).
/// </summary>
public static class OptimizerKernels
{
    /// <summary>Threads per group.</summary>
    public const int Threads = 256;

    /// <summary>The most partial sums one tensor contributes.</summary>
    public const int MaxPartials = 64;

    /// <summary>Launch shape covering <paramref name="count"/> threads.</summary>
    public static KernelConfig Config(int count) => new((count + Threads - 1) / Threads, Threads);

    /// <summary>Groups (and partial sums) <see cref="SumOfSquares"/> uses for a tensor of <paramref name="length"/> elements.</summary>
    public static int PartialCount(int length) => Math.Clamp((length + (Threads * 8) - 1) / (Threads * 8), 1, MaxPartials);

    /// <summary>
    /// AdamW on one tensor: <c>m = β1·m + (1−β1)·g</c>, <c>v = β2·v + (1−β2)·g²</c>,
    /// <c>w −= lr·((m/c1)/(√(v/c2) + ε) + λ·w)</c> with the bias corrections c1, c2 of this step.
    /// </summary>
    public static void AdamW(
        ArrayView<float> value,
        ArrayView<float> grad,
        ArrayView<float> m,
        ArrayView<float> v,
        int count,
        float learningRate,
        float beta1,
        float beta2,
        float correction1,
        float correction2,
        float epsilon,
        float decay)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= count)
        {
            return;
        }

        float g = grad[i];
        float mi = (beta1 * m[i]) + ((1f - beta1) * g);
        float vi = (beta2 * v[i]) + ((1f - beta2) * g * g);
        m[i] = mi;
        v[i] = vi;
        float update = (mi / correction1) / (MathF.Sqrt(vi / correction2) + epsilon);
        value[i] -= learningRate * (update + (decay * value[i]));
    }

    /// <summary>
    /// <c>partials[first + Grid.IdxX] = Σ source[i]²</c> over this group's grid-stride share of <c>source[0 .. length)</c>;
    /// launch with <see cref="PartialCount"/> groups of <see cref="Threads"/>.
    /// </summary>
    public static void SumOfSquares(ArrayView<float> source, int length, ArrayView<float> partials, int first)
    {
        var scratch = SharedMemory.Allocate<float>(GroupReduce.MaxWarps);
        int stride = Grid.DimX * Group.DimX;
        float sum = 0f;
        for (int i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            float x = source[i];
            sum += x * x;
        }

        sum = GroupReduce.Reduce(sum, scratch, default(FloatSumReduction));
        if (Group.IsFirstThread)
        {
            partials[first + Grid.IdxX] = sum;
        }
    }

    /// <summary><c>total[0] = Σ partials[0 .. count)</c> in one group (fixed order: deterministic).</summary>
    public static void Total(ArrayView<float> partials, int count, ArrayView<float> total)
    {
        var scratch = SharedMemory.Allocate<float>(GroupReduce.MaxWarps);
        float sum = 0f;
        for (int i = Group.IdxX; i < count; i += Group.DimX)
        {
            sum += partials[i];
        }

        sum = GroupReduce.Reduce(sum, scratch, default(FloatSumReduction));
        if (Group.IsFirstThread)
        {
            total[0] = sum;
        }
    }

    /// <summary>
    /// Scales <c>data[0 .. count)</c> by <c>maxNorm/‖g‖</c> with <c>‖g‖ = √normSquared[0]</c> when that norm is finite and
    /// above <paramref name="maxNorm"/>; leaves it unchanged otherwise.
    /// </summary>
    public static void ClipScale(ArrayView<float> data, int count, ArrayView<float> normSquared, float maxNorm)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= count)
        {
            return;
        }

        float norm = MathF.Sqrt(normSquared[0]);
        if (!Int8Format.IsNonFinite(norm) && norm > maxNorm)
        {
            data[i] *= maxNorm / norm;
        }
    }
}
