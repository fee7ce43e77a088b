using ILGPU;
using QuantDsl.Kernels.Reductions;

namespace QuantDsl.Kernels.Gpu;

/// <summary>
/// LayerNorm over the last dimension, <c>y = (x − mean)·rstd·g + b</c> (biased variance), and its backward. The row
/// kernels run one group per row with group reductions; the parameter gradients one thread per column.
/// </summary>
public static class LayerNormKernels
{
    /// <summary>Threads per row group.</summary>
    public const int RowThreads = 128;

    /// <summary>Threads per group of the column kernel.</summary>
    public const int ColumnThreads = 128;

    /// <summary>Launch shape for <paramref name="rows"/> rows: one group per row.</summary>
    public static KernelConfig RowConfig(int rows) => new(rows, RowThreads);

    /// <summary>Launch shape for <paramref name="cols"/> columns: one thread per column.</summary>
    public static KernelConfig ColumnConfig(int cols) => new((cols + ColumnThreads - 1) / ColumnThreads, ColumnThreads);

    /// <summary>Normalizes row <c>Grid.IdxX</c> of x [rows × n]; keeps x̂ and 1/σ for the backward.</summary>
    public static void Forward(
        ArrayView<float> x,
        ArrayView<float> gain,
        ArrayView<float> shift,
        ArrayView<float> y,
        ArrayView<float> normalized,
        ArrayView<float> inverseStd,
        int n,
        float epsilon)
    {
        var scratch = SharedMemory.Allocate<float>(GroupReduce.MaxWarps);
        int offset = Grid.IdxX * n;
        float partial = 0f;
        for (int j = Group.IdxX; j < n; j += Group.DimX)
        {
            partial += x[offset + j];
        }

        float mean = GroupReduce.Reduce(partial, scratch, default(FloatSumReduction)) / n;
        float squares = 0f;
        for (int j = Group.IdxX; j < n; j += Group.DimX)
        {
            float d = x[offset + j] - mean;
            squares += d * d;
        }

        float variance = GroupReduce.Reduce(squares, scratch, default(FloatSumReduction)) / n;
        float rstd = 1f / MathF.Sqrt(variance + epsilon);
        if (Group.IsFirstThread)
        {
            inverseStd[Grid.IdxX] = rstd;
        }

        for (int j = Group.IdxX; j < n; j += Group.DimX)
        {
            float xhat = (x[offset + j] - mean) * rstd;
            normalized[offset + j] = xhat;
            y[offset + j] = (xhat * gain[j]) + shift[j];
        }
    }

    /// <summary><c>dx = rstd·(d − mean(d) − x̂·mean(d·x̂))</c> with <c>d = dy·g</c>, for row <c>Grid.IdxX</c>.</summary>
    public static void BackwardInput(
        ArrayView<float> dy, ArrayView<float> gain, ArrayView<float> normalized, ArrayView<float> inverseStd, ArrayView<float> dx, int n)
    {
        var scratch = SharedMemory.Allocate<float>(GroupReduce.MaxWarps);
        int offset = Grid.IdxX * n;
        float sumD = 0f, sumDx = 0f;
        for (int j = Group.IdxX; j < n; j += Group.DimX)
        {
            float d = dy[offset + j] * gain[j];
            sumD += d;
            sumDx += d * normalized[offset + j];
        }

        float meanD = GroupReduce.Reduce(sumD, scratch, default(FloatSumReduction)) / n;
        float meanDx = GroupReduce.Reduce(sumDx, scratch, default(FloatSumReduction)) / n;
        float rstd = inverseStd[Grid.IdxX];
        for (int j = Group.IdxX; j < n; j += Group.DimX)
        {
            float d = dy[offset + j] * gain[j];
            dx[offset + j] = rstd * (d - meanD - (normalized[offset + j] * meanDx));
        }
    }

    /// <summary><c>dg[j] += Σ_r dy·x̂</c>, <c>db[j] += Σ_r dy</c> in row order; one thread per column.</summary>
    public static void ParameterGradients(
        ArrayView<float> dy, ArrayView<float> normalized, ArrayView<float> gainGrad, ArrayView<float> shiftGrad, int rows, int n)
    {
        int j = Grid.GlobalIndex.X;
        if (j >= n)
        {
            return;
        }

        float dg = gainGrad[j], db = shiftGrad[j];
        for (int r = 0; r < rows; r++)
        {
            float d = dy[(r * n) + j];
            dg += d * normalized[(r * n) + j];
            db += d;
        }

        gainGrad[j] = dg;
        shiftGrad[j] = db;
    }
}
