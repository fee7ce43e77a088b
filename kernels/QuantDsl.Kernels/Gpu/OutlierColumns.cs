using ILGPU;
using QuantDsl.Kernels.Reductions;

namespace QuantDsl.Kernels.Gpu;

/// <summary>
/// LLM.int8's dynamic outlier set (§2.2): the input columns j of X with any |X[t, j]| ≥ threshold in this
/// call. <see cref="Mark"/> flags columns (device function for a generated kernel that bakes in the
/// threshold); <see cref="Compact"/> turns the flags into an ascending index list and its length;
/// <see cref="MarkAndCompact"/> does both in one launch (what the generated forwards run).
/// </summary>
public static class OutlierColumns
{
    /// <summary>Threads per group of the marking kernel (one thread per column).</summary>
    public const int MarkThreads = 256;

    /// <summary>Rows one marking group scans.</summary>
    public const int MarkRowsPerGroup = 64;

    /// <summary>Threads of the single compaction group.</summary>
    public const int CompactThreads = 256;

    /// <summary>Launch shape of the marking kernel: X = column blocks, Y = row blocks.</summary>
    public static KernelConfig MarkConfig(int rows, int cols) => new(
        new Index2D((cols + MarkThreads - 1) / MarkThreads, (rows + MarkRowsPerGroup - 1) / MarkRowsPerGroup),
        new Index2D(MarkThreads, 1));

    /// <summary>
    /// Sets <c>flags[col] = 1</c> when a row of this group's row block has <c>|x| ≥ threshold</c> in that
    /// column (threads of a warp read consecutive columns: coalesced). Flags must be zeroed beforehand;
    /// concurrent writers only ever store 1.
    /// </summary>
    public static void Mark(ArrayView<float> x, int rows, int cols, float threshold, ArrayView<int> flags)
    {
        int col = (Grid.IdxX * MarkThreads) + Group.IdxX;
        if (col < cols && AnyOutlier(x, rows, cols, col, threshold))
        {
            flags[col] = 1;
        }
    }

    /// <summary>
    /// <see cref="Mark"/> and <see cref="Compact"/> in one launch (launch shape <see cref="MarkConfig"/>): every group marks
    /// its block, then takes a ticket; the last group to finish compacts the flags of all of them. One kernel fewer per
    /// forward: the separate compaction cost 5.8 µs on the H200 at every batch size (ncu, 2026-12-04), a tenth of a
    /// one-token [Int8Outliers] forward. Flags must be zeroed beforehand; <paramref name="ticket"/> must be zero and is
    /// left zero.
    /// </summary>
    /// <param name="x">Activations [rows × cols].</param>
    /// <param name="rows">Rows (tokens).</param>
    /// <param name="cols">Columns (input features).</param>
    /// <param name="threshold">LLM.int8's outlier threshold.</param>
    /// <param name="flags">Per-column flags, zeroed.</param>
    /// <param name="indices">The flagged columns, ascending (as <see cref="Compact"/>).</param>
    /// <param name="count">One element: how many columns are flagged.</param>
    /// <param name="ticket">One counter, zero between calls.</param>
    public static void MarkAndCompact(
        ArrayView<float> x, int rows, int cols, float threshold, ArrayView<int> flags, ArrayView<int> indices, ArrayView<int> count, ArrayView<int> ticket)
    {
        var offsets = SharedMemory.Allocate<int>(CompactThreads);
        var scratch = SharedMemory.Allocate<int>(GroupReduce.MaxWarps);
        int col = (Grid.IdxX * MarkThreads) + Group.IdxX;
        if (col < cols && AnyOutlier(x, rows, cols, col, threshold))
        {
            flags[col] = 1;
        }

        // The last group to finish sees every group's flags.
        if (LastGroupTicket.Arrive(ticket, 0, Grid.DimX * Grid.DimY, offsets))
        {
            CompactGroup(flags, cols, indices, count, offsets, scratch);
        }
    }

    /// <summary>Launch shape of <see cref="Compact"/>: one group.</summary>
    public static KernelConfig CompactConfig => new(1, CompactThreads);

    /// <summary>
    /// Writes the indices of the flagged columns, ascending, to <paramref name="indices"/> and their number
    /// to <c>count[0]</c>. One group: each thread owns a contiguous chunk of columns, the chunk counts are
    /// prefix-summed in shared memory, and each thread writes its chunk's indices at its offset, so the
    /// order is deterministic.
    /// </summary>
    public static void Compact(ArrayView<int> flags, int cols, ArrayView<int> indices, ArrayView<int> count)
    {
        var offsets = SharedMemory.Allocate<int>(CompactThreads);
        var scratch = SharedMemory.Allocate<int>(GroupReduce.MaxWarps);
        CompactGroup(flags, cols, indices, count, offsets, scratch);
    }

    // Whether column col has |x| ≥ threshold in this group's row block. Four independent loads per step: one at a time
    // kept too few bytes in flight (30 µs at 4096², 2.1 TB/s, H200). Non-short-circuit ORs: a NaN in one row must not
    // hide an outlier in another.
    private static bool AnyOutlier(ArrayView<float> x, int rows, int cols, int col, float threshold)
    {
        int row0 = Grid.IdxY * MarkRowsPerGroup;
        int row1 = IntrinsicMath.Min(row0 + MarkRowsPerGroup, rows);
        int row = row0;
        for (; row + 3 < row1; row += 4)
        {
            int at = (row * cols) + col;
            if ((IntrinsicMath.Abs(x[at]) >= threshold) | (IntrinsicMath.Abs(x[at + cols]) >= threshold) |
                (IntrinsicMath.Abs(x[at + (2 * cols)]) >= threshold) | (IntrinsicMath.Abs(x[at + (3 * cols)]) >= threshold))
            {
                return true;
            }
        }

        for (; row < row1; row++)
        {
            if (IntrinsicMath.Abs(x[(row * cols) + col]) >= threshold)
            {
                return true;
            }
        }

        return false;
    }

    // The compaction by one group of CompactThreads threads: each thread owns a contiguous chunk of columns, the chunk
    // counts are prefix-summed in shared memory, and each thread writes its chunk's indices at its offset.
    private static void CompactGroup(ArrayView<int> flags, int cols, ArrayView<int> indices, ArrayView<int> count, ArrayView<int> offsets, ArrayView<int> scratch)
    {
        int chunk = (cols + CompactThreads - 1) / CompactThreads;
        int begin = IntrinsicMath.Min(Group.IdxX * chunk, cols);
        int end = IntrinsicMath.Min(begin + chunk, cols);

        int mine = 0;
        for (int col = begin; col < end; col++)
        {
            mine += flags[col] != 0 ? 1 : 0;
        }

        offsets[Group.IdxX] = mine;
        Group.Barrier();

        // Exclusive prefix sum over CompactThreads values (Hillis–Steele on an inclusive copy).
        for (int step = 1; step < CompactThreads; step <<= 1)
        {
            int add = Group.IdxX >= step ? offsets[Group.IdxX - step] : 0;
            Group.Barrier();
            offsets[Group.IdxX] += add;
            Group.Barrier();
        }

        int write = offsets[Group.IdxX] - mine;
        for (int col = begin; col < end; col++)
        {
            if (flags[col] != 0)
            {
                indices[write++] = col;
            }
        }

        int total = GroupReduce.Sum(mine, scratch);
        if (Group.IsFirstThread)
        {
            count[0] = total;
        }
    }
}
