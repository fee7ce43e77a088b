using ILGPU;
using QuantDsl.Kernels.Formats;

namespace QuantDsl.Kernels.Gpu;

/// <summary>Small policy-independent kernels: column sums (bias gradient), bias rows and non-finite counts.</summary>
public static class ReductionKernels
{
    /// <summary>Threads per group.</summary>
    public const int Threads = 256;

    /// <summary>Launch shape covering <paramref name="count"/> threads.</summary>
    public static KernelConfig Config(int count) => new((count + Threads - 1) / Threads, Threads);

    /// <summary>
    /// Rows per chunk of the column sums: the sums run in two passes, chunk partials then their totals, so that
    /// thousands of threads share the rows (one thread per column walking all rows left most of the GPU idle and
    /// cost milliseconds per bias gradient) while the summation order stays fixed (deterministic, no atomics).
    /// </summary>
    public const int ChunkRows = 64;

    /// <summary>Chunks of <see cref="ChunkRows"/> rows covering <paramref name="rows"/>.</summary>
    public static int Chunks(int rows) => (rows + ChunkRows - 1) / ChunkRows;

    /// <summary>Launch shape of <see cref="ColumnChunkSums"/>: one thread per (chunk, column).</summary>
    public static KernelConfig ChunkConfig(int rows, int cols) => Config(Chunks(rows) * cols);

    /// <summary><c>partials[k, c] = Σ_{r in chunk k} source[r, c]</c> (rows in order); one thread per (chunk, column), coalesced along c.</summary>
    public static void ColumnChunkSums(ArrayView<float> source, int rows, int cols, ArrayView<float> partials)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= Chunks(rows) * cols)
        {
            return;
        }

        int chunk = i / cols;
        int col = i - (chunk * cols);
        int first = chunk * ChunkRows;
        int end = IntrinsicMath.Min(first + ChunkRows, rows);
        float sum = 0f;
        for (int row = first; row < end; row++)
        {
            sum += source[(row * cols) + col];
        }

        partials[i] = sum;
    }

    /// <summary><c>destination[c] += Σ_k partials[k, c]</c> in chunk order; one thread per column.</summary>
    public static void AddChunkTotals(ArrayView<float> partials, int chunks, int cols, ArrayView<float> destination)
    {
        int col = Grid.GlobalIndex.X;
        if (col >= cols)
        {
            return;
        }

        float sum = 0f;
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            sum += partials[(chunk * cols) + col];
        }

        destination[col] += sum;
    }

    /// <summary><c>matrix[r, c] += vector[c]</c> (the bias row); one thread per element, launched with <c>Config(rows · cols)</c>.</summary>
    public static void AddRowVector(ArrayView<float> matrix, ArrayView<float> vector, int rows, int cols)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= rows * cols)
        {
            return;
        }

        matrix[i] += vector[i % cols];
    }

    /// <summary>Adds the number of NaN and ±∞ elements of <c>source[0 .. length)</c> to <c>count[0]</c>.</summary>
    public static void CountNonFinite(ArrayView<float> source, int length, ArrayView<int> count)
    {
        int stride = Grid.DimX * Group.DimX;
        int found = 0;
        for (int i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            found += Int8Format.IsNonFinite(source[i]) ? 1 : 0;
        }

        if (found != 0)
        {
            Atomic.Add(ref count[0], found);
        }
    }
}
