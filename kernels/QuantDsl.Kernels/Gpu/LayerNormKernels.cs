using ILGPU;
using QuantDsl.Kernels.Reductions;

namespace QuantDsl.Kernels.Gpu;

/// <summary>
/// LayerNorm over the last dimension, <c>y = (x − mean)·rstd·g + b</c> (biased variance), and its backward. The row
/// kernels run one group per row with group reductions; the parameter gradients one thread per (row chunk, column).
/// </summary>
public static class LayerNormKernels
{
    /// <summary>Threads per row group.</summary>
    public const int RowThreads = 128;

    /// <summary>Launch shape for <paramref name="rows"/> rows: one group per row.</summary>
    public static KernelConfig RowConfig(int rows) => new(rows, RowThreads);

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

    /// <summary>
    /// Chunk partials of the parameter gradients: <c>gainPartials[k, j] = Σ_{r in chunk k} dy·x̂</c> and
    /// <c>shiftPartials[k, j] = Σ_{r in chunk k} dy</c>, rows in order, chunks of <see cref="ReductionKernels.ChunkRows"/>;
    /// one thread per (chunk, column), launched with <see cref="ReductionKernels.ChunkConfig"/>. Their totals come from
    /// <see cref="ReductionKernels.AddChunkTotals"/>, in chunk order: deterministic.
    /// </summary>
    public static void ParameterGradientChunks(
        ArrayView<float> dy, ArrayView<float> normalized, ArrayView<float> gainPartials, ArrayView<float> shiftPartials, int rows, int n)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= ReductionKernels.Chunks(rows) * n)
        {
            return;
        }

        int chunk = i / n;
        int j = i - (chunk * n);
        int first = chunk * ReductionKernels.ChunkRows;
        int end = IntrinsicMath.Min(first + ReductionKernels.ChunkRows, rows);
        float dg = 0f, db = 0f;
        for (int r = first; r < end; r++)
        {
            float d = dy[(r * n) + j];
            dg += d * normalized[(r * n) + j];
            db += d;
        }

        gainPartials[i] = dg;
        shiftPartials[i] = db;
    }
}
