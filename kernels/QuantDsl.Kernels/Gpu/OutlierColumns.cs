using ILGPU;
using QuantDsl.Kernels.Formats;
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
    /// <summary>Threads per group of the marking kernel (one thread per column, or per four when rows are whole quads).</summary>
    public const int MarkThreads = 256;

    /// <summary>Rows one marking group scans when the column count is not a multiple of 4 (one column per thread).</summary>
    public const int MarkRowsPerGroup = 64;

    /// <summary>
    /// Rows one marking group scans when the column count is a multiple of 4: each thread reads 16-byte quads of four
    /// columns, four rows' quads in flight per step (64 bytes; four floats per thread kept the pass at 2.6 TB/s, 53 % of
    /// the H200's HBM, at 4096 × 4096), over fewer rows so the grid keeps as many groups.
    /// </summary>
    public const int MarkQuadRowsPerGroup = 16;

    /// <summary>Threads of the single compaction group.</summary>
    public const int CompactThreads = 256;

    /// <summary>Launch shape of the marking kernel: X = column blocks, Y = row blocks.</summary>
    public static KernelConfig MarkConfig(int rows, int cols) => (cols & 3) == 0
        ? new(
            new Index2D(((cols >> 2) + MarkThreads - 1) / MarkThreads, (rows + MarkQuadRowsPerGroup - 1) / MarkQuadRowsPerGroup),
            new Index2D(MarkThreads, 1))
        : new(
            new Index2D((cols + MarkThreads - 1) / MarkThreads, (rows + MarkRowsPerGroup - 1) / MarkRowsPerGroup),
            new Index2D(MarkThreads, 1));

    /// <summary>
    /// Sets <c>flags[col] = 1</c> when a row of this group's row block has <c>|x| ≥ threshold</c> in that
    /// column (threads of a warp read consecutive columns: coalesced). Flags must be zeroed beforehand;
    /// concurrent writers only ever store 1. Launch with <see cref="MarkConfig"/>.
    /// </summary>
    public static void Mark(ArrayView<float> x, int rows, int cols, float threshold, ArrayView<int> flags) =>
        MarkThisGroup(x, rows, cols, threshold, flags);

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
        MarkThisGroup(x, rows, cols, threshold, flags);

        // The last group to finish sees every group's flags.
        if (LastGroupTicket.Arrive(ticket, 0, Grid.DimX * Grid.DimY, offsets))
        {
            CompactGroup(flags, cols, indices, count, offsets);
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
        CompactGroup(flags, cols, indices, count, offsets);
    }

    // This group's part of the marking (see MarkConfig for the two layouts).
    private static void MarkThisGroup(ArrayView<float> x, int rows, int cols, float threshold, ArrayView<int> flags)
    {
        if ((cols & 3) == 0)
        {
            int quadsPerRow = cols >> 2;
            int quad = (Grid.IdxX * MarkThreads) + Group.IdxX;
            int mask = quad < quadsPerRow ? OutlierMask(x.Cast<FloatQuad>(), rows, quadsPerRow, quad, threshold) : 0;
            int first = quad << 2;
            if ((mask & 1) != 0)
            {
                flags[first] = 1;
            }

            if ((mask & 2) != 0)
            {
                flags[first + 1] = 1;
            }

            if ((mask & 4) != 0)
            {
                flags[first + 2] = 1;
            }

            if ((mask & 8) != 0)
            {
                flags[first + 3] = 1;
            }

            return;
        }

        int col = (Grid.IdxX * MarkThreads) + Group.IdxX;
        if (col < cols && AnyOutlier(x, rows, cols, col, threshold))
        {
            flags[col] = 1;
        }
    }

    // Which of the four columns of quad `quad` have |x| ≥ threshold in this group's row block (bit i: column 4·quad + i).
    // Four rows' quads are loaded per step before any is used; the scan stops once all four columns are flagged.
    private static int OutlierMask(ArrayView<FloatQuad> quads, int rows, int quadsPerRow, int quad, float threshold)
    {
        int row0 = Grid.IdxY * MarkQuadRowsPerGroup;
        int row1 = IntrinsicMath.Min(row0 + MarkQuadRowsPerGroup, rows);
        int mask = 0;
        int row = row0;
        for (; row + 3 < row1 && mask != 15; row += 4)
        {
            long at = ((long)row * quadsPerRow) + quad;
            var v0 = quads[at];
            var v1 = quads[at + quadsPerRow];
            var v2 = quads[at + (2L * quadsPerRow)];
            var v3 = quads[at + (3L * quadsPerRow)];
            mask |= Mask(v0, threshold) | Mask(v1, threshold) | Mask(v2, threshold) | Mask(v3, threshold);
        }

        for (; row < row1; row++)
        {
            mask |= Mask(quads[((long)row * quadsPerRow) + quad], threshold);
        }

        return mask;
    }

    /// <summary>Bit i set when component i of <paramref name="v"/> has |v| ≥ <paramref name="threshold"/> (NaN never is; ±∞ is).</summary>
    internal static int Mask(FloatQuad v, float threshold) =>
        (IntrinsicMath.Abs(v.X) >= threshold ? 1 : 0) | (IntrinsicMath.Abs(v.Y) >= threshold ? 2 : 0) |
        (IntrinsicMath.Abs(v.Z) >= threshold ? 4 : 0) | (IntrinsicMath.Abs(v.W) >= threshold ? 8 : 0);

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

    // The compaction by one group of CompactThreads threads: each thread owns a contiguous chunk of whole 16-byte flag
    // quads (the last thread also the cols % 4 flags after them), the chunk counts are prefix-summed in shared memory, and
    // each thread writes its chunk's indices at its offset. Quads are loaded four at a time, all before any is used: one
    // scalar flag per step serialized 16 L2 round trips per thread at 4096 columns (the compaction was 5.8 µs alone,
    // H200), since the flags were just written by other groups and sit in L2.
    private static void CompactGroup(ArrayView<int> flags, int cols, ArrayView<int> indices, ArrayView<int> count, ArrayView<int> offsets)
    {
        var quads = flags.Cast<Gemv.WeightVector>();
        int wholeQuads = cols >> 2;
        int chunk = (wholeQuads + CompactThreads - 1) / CompactThreads;
        int begin = IntrinsicMath.Min(Group.IdxX * chunk, wholeQuads);
        int end = IntrinsicMath.Min(begin + chunk, wholeQuads);
        bool ownsTail = Group.IdxX == CompactThreads - 1;

        int mine = 0;
        for (int q = begin; q < end; q += 4)
        {
            var f0 = quads[q];
            var f1 = q + 1 < end ? quads[q + 1] : default;
            var f2 = q + 2 < end ? quads[q + 2] : default;
            var f3 = q + 3 < end ? quads[q + 3] : default;
            mine += Flagged(f0) + Flagged(f1) + Flagged(f2) + Flagged(f3);
        }

        if (ownsTail)
        {
            for (int col = wholeQuads << 2; col < cols; col++)
            {
                mine += flags[col] != 0 ? 1 : 0;
            }
        }

        // The group is CompactThreads threads (MarkThreads for MarkAndCompact: the same), so the scan covers every chunk
        // and offsets[CompactThreads - 1] is the total.
        int write = GroupScan.InclusiveSum(mine, offsets) - mine;
        if (mine != 0)
        {
            for (int q = begin; q < end; q++)
            {
                write = Append(quads[q], q << 2, indices, write);
            }

            if (ownsTail)
            {
                for (int col = wholeQuads << 2; col < cols; col++)
                {
                    if (flags[col] != 0)
                    {
                        indices[write++] = col;
                    }
                }
            }
        }

        if (Group.IsFirstThread)
        {
            count[0] = offsets[CompactThreads - 1];
        }
    }

    private static int Flagged(Gemv.WeightVector f) => (f.X != 0 ? 1 : 0) + (f.Y != 0 ? 1 : 0) + (f.Z != 0 ? 1 : 0) + (f.W != 0 ? 1 : 0);

    // Writes the flagged columns of the quad starting at column col from indices[write] on; returns the next position.
    private static int Append(Gemv.WeightVector f, int col, ArrayView<int> indices, int write)
    {
        if (f.X != 0)
        {
            indices[write++] = col;
        }

        if (f.Y != 0)
        {
            indices[write++] = col + 1;
        }

        if (f.Z != 0)
        {
            indices[write++] = col + 2;
        }

        if (f.W != 0)
        {
            indices[write++] = col + 3;
        }

        return write;
    }
}
