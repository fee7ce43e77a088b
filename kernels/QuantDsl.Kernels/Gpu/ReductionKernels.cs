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

    /// <summary><c>destination[c] += Σ_r source[r, c]</c>; one thread per column (coalesced rows).</summary>
    public static void ColumnSumAccumulate(ArrayView<float> source, ArrayView<float> destination, int rows, int cols)
    {
        int col = Grid.GlobalIndex.X;
        if (col >= cols)
        {
            return;
        }

        float sum = 0f;
        for (int row = 0; row < rows; row++)
        {
            sum += source[(row * cols) + col];
        }

        destination[col] += sum;
    }

    /// <summary><c>matrix[r, c] += vector[c]</c> (a bias added to every row); one thread per column.</summary>
    public static void AddRowVector(ArrayView<float> matrix, ArrayView<float> vector, int rows, int cols)
    {
        int col = Grid.GlobalIndex.X;
        if (col >= cols)
        {
            return;
        }

        float value = vector[col];
        for (int row = 0; row < rows; row++)
        {
            matrix[(row * cols) + col] += value;
        }
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
