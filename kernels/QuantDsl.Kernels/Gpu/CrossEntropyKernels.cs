using ILGPU;
using QuantDsl.Kernels.Reductions;

namespace QuantDsl.Kernels.Gpu;

/// <summary>
/// Softmax cross-entropy: per-row loss through logsumexp (one group per row), its gradient
/// <c>(softmax − onehot)/rows</c>, and a deterministic one-group mean of the row losses.
/// </summary>
public static class CrossEntropyKernels
{
    /// <summary>Threads per group.</summary>
    public const int Threads = 128;

    /// <summary>Launch shape for <paramref name="rows"/> rows: one group per row.</summary>
    public static KernelConfig RowConfig(int rows) => new(rows, Threads);

    /// <summary>Launch shape of <see cref="Mean"/>: one group.</summary>
    public static KernelConfig MeanConfig => new(1, Threads);

    /// <summary><c>losses[r] = logsumexp(logits[r]) − logits[r, targets[r]]</c> for row <c>Grid.IdxX</c>.</summary>
    public static void RowLoss(ArrayView<float> logits, ArrayView<int> targets, ArrayView<float> losses, int classes) =>
        ThisRow(logits, targets, losses, default, classes, 0f, false);

    /// <summary>
    /// As <see cref="RowLoss"/>, and <c>gradient[r, j] = (softmax(logits[r])[j] − [j = target])·inverseRows</c>.
    /// </summary>
    public static void RowLossAndGradient(
        ArrayView<float> logits, ArrayView<int> targets, ArrayView<float> losses, ArrayView<float> gradient, int classes, float inverseRows) =>
        ThisRow(logits, targets, losses, gradient, classes, inverseRows, true);

    /// <summary><c>result[0] = Σ_r losses[r] / rows</c>, in one group (a fixed summation order: deterministic).</summary>
    public static void Mean(ArrayView<float> losses, ArrayView<float> result, int rows)
    {
        var scratch = SharedMemory.Allocate<float>(GroupReduce.MaxWarps);
        float sum = 0f;
        for (int r = Group.IdxX; r < rows; r += Group.DimX)
        {
            sum += losses[r];
        }

        sum = GroupReduce.Reduce(sum, scratch, default(FloatSumReduction));
        if (Group.IsFirstThread)
        {
            result[0] = sum / rows;
        }
    }

    private static void ThisRow(
        ArrayView<float> logits,
        ArrayView<int> targets,
        ArrayView<float> losses,
        ArrayView<float> gradient,
        int classes,
        float inverseRows,
        bool writeGradient)
    {
        var scratch = SharedMemory.Allocate<float>(GroupReduce.MaxWarps);
        int row = Grid.IdxX;
        int offset = row * classes;
        float max = float.NegativeInfinity;
        for (int j = Group.IdxX; j < classes; j += Group.DimX)
        {
            max = IntrinsicMath.Max(max, logits[offset + j]);
        }

        max = GroupReduce.Reduce(max, scratch, default(MaxReduction));
        float sum = 0f;
        for (int j = Group.IdxX; j < classes; j += Group.DimX)
        {
            sum += DeviceMath.Exp(logits[offset + j] - max);
        }

        float logSum = max + DeviceMath.Log(GroupReduce.Reduce(sum, scratch, default(FloatSumReduction)));
        int target = targets[row];
        if (Group.IsFirstThread)
        {
            losses[row] = logSum - logits[offset + target];
        }

        if (writeGradient)
        {
            for (int j = Group.IdxX; j < classes; j += Group.DimX)
            {
                float g = DeviceMath.Exp(logits[offset + j] - logSum) * inverseRows;
                gradient[offset + j] = j == target ? g - inverseRows : g;
            }
        }
    }
}
