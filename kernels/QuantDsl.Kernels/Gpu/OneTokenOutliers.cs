using ILGPU;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Reductions;

namespace QuantDsl.Kernels.Gpu;

/// <summary>
/// LLM.int8's activation side for one token in one launch: with a single row, column j is an outlier exactly when
/// |x[j]| ≥ threshold, so the marking, the compaction, the absmax over the other columns and the coding need no grid-wide
/// step and one group does them all (three kernels and their launch gaps were 14.7 µs of a one-token 4096² forward on the
/// H200, ncu 2026-12-04, against 8.6 µs for its GEMV). Same results as <see cref="OutlierColumns.MarkAndCompact"/>
/// followed by <see cref="QuantizeKernels.QuantizeRowsInt8ExcludingFlagged"/> (tested): the ascending outlier list and
/// its count, the packed codes (outlier columns and padding coded 0), the row absmax, the NaN/±∞ count. It leaves the
/// column flags alone (they stay zero); the epilogue then reads the outlier columns of x and W in place
/// (<see cref="Epilogues.Int8OutlierOperands.OutliersInPlace"/>), so nothing is gathered.
/// </summary>
public static class OneTokenOutliers
{
    /// <summary>Threads of the single group.</summary>
    public const int Threads = 1024;

    /// <summary>Launch shape: one group.</summary>
    public static KernelConfig Config => new(1, Threads);

    /// <summary>Whether a row of <paramref name="cols"/> columns can take this kernel (whole 16-byte quads).</summary>
    /// <param name="cols">Input features.</param>
    public static bool Supports(int cols) => (cols & 3) == 0;

    /// <summary>
    /// Processes the one row of <paramref name="x"/> (see the type summary). Each thread owns a contiguous run of quads,
    /// so a prefix sum of the per-thread outlier counts gives ascending positions; the run is read twice (the second
    /// time from L1/L2: a row is at most a few tens of KB).
    /// </summary>
    /// <param name="x">The activation row [cols], 16-byte aligned.</param>
    /// <param name="cols">Columns, a multiple of 4 (<see cref="Supports"/>).</param>
    /// <param name="words">Packed words of the codes (cols / 4 rounded up to the GEMM's K multiple).</param>
    /// <param name="threshold">LLM.int8's outlier threshold.</param>
    /// <param name="indices">The outlier columns, ascending.</param>
    /// <param name="count">One element: how many there are.</param>
    /// <param name="packed">Codes [words], four per word.</param>
    /// <param name="rowAbsMax">One element: the absmax of the other, finite columns.</param>
    /// <param name="nonFinite">One counter the NaN/±∞ count is added to.</param>
    public static void Prepare(
        ArrayView<float> x, int cols, int words, float threshold, ArrayView<int> indices, ArrayView<int> count,
        ArrayView<int> packed, ArrayView<float> rowAbsMax, ArrayView<int> nonFinite)
    {
        var offsets = SharedMemory.Allocate<int>(Threads);
        var floatScratch = SharedMemory.Allocate<float>(GroupReduce.MaxWarps);
        var intScratch = SharedMemory.Allocate<int>(GroupReduce.MaxWarps);
        var quads = x.Cast<FloatQuad>();
        int rowQuads = cols >> 2;
        int chunk = (rowQuads + Threads - 1) / Threads;
        int begin = IntrinsicMath.Min(Group.IdxX * chunk, rowQuads);
        int end = IntrinsicMath.Min(begin + chunk, rowQuads);

        int outliers = 0, bad = 0;
        float absMax = 0f;
        for (int q = begin; q < end; q++)
        {
            var v = quads[q];
            outliers += Outlier(v.X, threshold) + Outlier(v.Y, threshold) + Outlier(v.Z, threshold) + Outlier(v.W, threshold);
            bad += Int8Element.NonFinite(v.X) + Int8Element.NonFinite(v.Y) + Int8Element.NonFinite(v.Z) + Int8Element.NonFinite(v.W);
            absMax = IntrinsicMath.Max(
                IntrinsicMath.Max(Kept(v.X, threshold), Kept(v.Y, threshold)),
                IntrinsicMath.Max(absMax, IntrinsicMath.Max(Kept(v.Z, threshold), Kept(v.W, threshold))));
        }

        absMax = GroupReduce.Max(absMax, floatScratch);
        bad = GroupReduce.Sum(bad, intScratch);

        // Ascending write positions: the exclusive prefix sum of the per-thread outlier counts.
        int write = GroupScan.InclusiveSum(outliers, offsets) - outliers;

        float scale = Int8Format.QuantScale(absMax);
        for (int q = begin; q < end; q++)
        {
            var v = quads[q];
            int col = q << 2;
            packed[q] = Int8Format.Pack(
                Code(v.X, threshold, scale), Code(v.Y, threshold, scale), Code(v.Z, threshold, scale), Code(v.W, threshold, scale));
            write = Append(v.X, col, threshold, indices, write);
            write = Append(v.Y, col + 1, threshold, indices, write);
            write = Append(v.Z, col + 2, threshold, indices, write);
            write = Append(v.W, col + 3, threshold, indices, write);
        }

        // The padding words past the row.
        for (int word = rowQuads + Group.IdxX; word < words; word += Threads)
        {
            packed[word] = 0;
        }

        if (Group.IsFirstThread)
        {
            count[0] = offsets[Threads - 1];
            rowAbsMax[0] = absMax;
            if (bad != 0)
            {
                Atomic.Add(ref nonFinite[0], bad);
            }
        }
    }

    // |value| ≥ threshold: an outlier column (NaN never is; ±∞ is, as in the marking).
    private static int Outlier(float value, float threshold) => IntrinsicMath.Abs(value) >= threshold ? 1 : 0;

    // What a value adds to the absmax: nothing for outliers and NaN/±∞.
    private static float Kept(float value, float threshold) => Int8Element.Magnitude(value, IntrinsicMath.Abs(value) >= threshold);

    // The code of a value: 0 in an outlier column.
    private static int Code(float value, float threshold, float scale) =>
        Int8Element.Code(value, IntrinsicMath.Abs(value) >= threshold, scale);

    private static int Append(float value, int col, float threshold, ArrayView<int> indices, int write)
    {
        if (IntrinsicMath.Abs(value) >= threshold)
        {
            indices[write++] = col;
        }

        return write;
    }
}
