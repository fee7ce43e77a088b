using ILGPU;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Reductions;

namespace QuantDsl.Kernels.Gpu;

/// <summary>
/// LLM.int8's activation side for a decode batch (1 to <see cref="MaxRows"/> tokens) in two launches over column slices:
/// a group that owns a slice of the columns for all the rows knows on its own which of them are outliers (any row with
/// |x| ≥ threshold), so the marking needs no grid-wide step, and the row absmax over the other columns is a max over
/// the slices' partial maxima. <see cref="Mark"/> writes each quad's outlier mask, each slice's partial row maxima and
/// outlier count (and adds the NaN/±∞ count); <see cref="Code"/> then codes each slice with the row scales, writes its
/// outlier columns at the offset the lower slices' counts give, and the padding words. At 16 × 4096 the general path
/// (marking in 4 groups with the last one compacting, one quantizer group per row, the gathers) took 16 µs of kernels
/// on the H200 (ncu, 2026-12-04). Same results as <see cref="OutlierColumns.MarkAndCompact"/> followed by
/// <see cref="QuantizeKernels.QuantizeRowsInt8ExcludingFlagged"/> (tested): the ascending outlier list and its count,
/// the codes (outlier columns and padding coded 0), the row absmax, the NaN/±∞ count. Nothing is gathered and no flag is
/// left set: the epilogue reads the outlier columns in place (<see cref="Epilogues.Int8OutlierOperands.OutliersInPlace"/>),
/// and <see cref="Mark"/> writes every mask, so its workspace needs no clearing.
/// <para>
/// Layout, for latency (every pass is a few loads per thread, all issued together): a group of <see cref="Threads"/>
/// threads owns <see cref="QuadsPerStep"/> quads (256 columns) per step; thread t takes quad t % 64 of four rows,
/// 4·(t / 64) … +3, so one step of a 16-row batch is one 16-byte load per row and thread, a single round trip to memory.
/// The four row blocks' masks meet in shared memory; each thread keeps its four rows' maxima in registers across the
/// steps, and a row's maxima meet in two warp reductions.
/// </para>
/// </summary>
public static class DecodeOutliers
{
    /// <summary>Most rows (tokens): one group reads all of them for its columns.</summary>
    public const int MaxRows = 16;

    /// <summary>Threads per group: <see cref="QuadsPerStep"/> quads × four row blocks of four rows.</summary>
    public const int Threads = 256;

    /// <summary>Quads (four columns each) a group takes per step.</summary>
    public const int QuadsPerStep = 64;

    /// <summary>Most groups (slices): past this, groups take more steps instead (the scale pass reads every slice's maxima).</summary>
    public const int MaxGroups = 64;

    /// <summary>Most steps per group (a slice's masks sit in shared memory).</summary>
    public const int MaxSteps = 8;

    private const int RowsPerBlock = 4;

    private const int RowBlocks = Threads / QuadsPerStep;

    /// <summary>Whether <paramref name="rows"/> × <paramref name="cols"/> activations can take these kernels.</summary>
    /// <param name="rows">Tokens.</param>
    /// <param name="cols">Input features.</param>
    public static bool Supports(int rows, int cols) =>
        rows >= 1 && rows <= MaxRows && (cols & 3) == 0 && (cols >> 2) <= QuadsPerStep * MaxGroups * MaxSteps;

    /// <summary>Steps each group takes for <paramref name="cols"/> columns.</summary>
    /// <param name="cols">Input features, a multiple of 4.</param>
    public static int Steps(int cols) => IntrinsicMath.Max(1, ((cols >> 2) + (QuadsPerStep * MaxGroups) - 1) / (QuadsPerStep * MaxGroups));

    /// <summary>Groups (column slices) for <paramref name="cols"/> columns: the length of the slice-count workspace.</summary>
    /// <param name="cols">Input features, a multiple of 4.</param>
    public static int Groups(int cols)
    {
        int slice = QuadsPerStep * Steps(cols);
        return IntrinsicMath.Max(1, ((cols >> 2) + slice - 1) / slice);
    }

    /// <summary>Length of the partial-maximum workspace: <see cref="MaxRows"/> per group.</summary>
    /// <param name="cols">Input features, a multiple of 4.</param>
    public static int PartialsLength(int cols) => MaxRows * Groups(cols);

    /// <summary>Launch shape of both kernels: one group per slice.</summary>
    /// <param name="cols">Input features, a multiple of 4.</param>
    public static KernelConfig Config(int cols) => new(Groups(cols), Threads);

    /// <summary>
    /// First launch: for this group's slice, each quad's outlier mask (bit i: column 4·quad + i has |x| ≥ threshold in
    /// some row; NaN never is, ±∞ is), the slice's outlier count, and per row the maximum |x| over the slice's other,
    /// finite columns; the NaN/±∞ count is added to <c>nonFinite[0]</c>.
    /// </summary>
    /// <param name="x">Activations [rows × cols], 16-byte aligned.</param>
    /// <param name="rows">Tokens, 1 to <see cref="MaxRows"/>.</param>
    /// <param name="cols">Columns, a multiple of 4 (<see cref="Supports"/>).</param>
    /// <param name="threshold">LLM.int8's outlier threshold.</param>
    /// <param name="masks">One mask per quad [cols / 4], written whole.</param>
    /// <param name="partials">Partial row maxima [groups × <see cref="MaxRows"/>] (rows past the batch are not written).</param>
    /// <param name="sliceCounts">Outlier columns per slice [groups].</param>
    /// <param name="nonFinite">One counter the NaN/±∞ count is added to.</param>
    public static void Mark(
        ArrayView<float> x, int rows, int cols, float threshold, ArrayView<int> masks, ArrayView<float> partials,
        ArrayView<int> sliceCounts, ArrayView<int> nonFinite)
    {
        var blockMasks = SharedMemory.Allocate<int>(Threads);
        var warpMaxima = SharedMemory.Allocate<float>(MaxRows * 2);
        var countScratch = SharedMemory.Allocate<int>(GroupReduce.MaxWarps);
        var badScratch = SharedMemory.Allocate<int>(GroupReduce.MaxWarps);
        var quads = x.Cast<FloatQuad>();
        int rowQuads = cols >> 2;
        int steps = Steps(cols);
        int local = Group.IdxX % QuadsPerStep;
        int block = Group.IdxX / QuadsPerStep;
        int row0 = block * RowsPerBlock;
        int slice0 = Grid.IdxX * QuadsPerStep * steps;

        float kept0 = 0f, kept1 = 0f, kept2 = 0f, kept3 = 0f;
        int outliers = 0, bad = 0;
        for (int step = 0; step < steps; step++)
        {
            int quad = slice0 + (step * QuadsPerStep) + local;
            bool inside = quad < rowQuads;

            // This thread's four rows of the quad, loaded together (zeros past the batch or the row: they flag nothing).
            var v0 = Load(quads, rows, rowQuads, row0, quad, inside);
            var v1 = Load(quads, rows, rowQuads, row0 + 1, quad, inside);
            var v2 = Load(quads, rows, rowQuads, row0 + 2, quad, inside);
            var v3 = Load(quads, rows, rowQuads, row0 + 3, quad, inside);
            blockMasks[Group.IdxX] = OutlierColumns.Mask(v0, threshold) | OutlierColumns.Mask(v1, threshold)
                | OutlierColumns.Mask(v2, threshold) | OutlierColumns.Mask(v3, threshold);
            Group.Barrier();
            int mask = blockMasks[local] | blockMasks[local + QuadsPerStep] | blockMasks[local + (2 * QuadsPerStep)] | blockMasks[local + (3 * QuadsPerStep)];
            Group.Barrier(); // the next step rewrites the block masks

            kept0 = IntrinsicMath.Max(kept0, Kept(v0, mask));
            kept1 = IntrinsicMath.Max(kept1, Kept(v1, mask));
            kept2 = IntrinsicMath.Max(kept2, Kept(v2, mask));
            kept3 = IntrinsicMath.Max(kept3, Kept(v3, mask));
            bad += NonFinite(v0) + NonFinite(v1) + NonFinite(v2) + NonFinite(v3);
            if (block == 0 && inside)
            {
                masks[quad] = mask;
                outliers += Bits(mask);
            }
        }

        // A row block is two warps: each reduces its four rows, and the two halves meet in shared memory.
        kept0 = GroupReduce.WarpReduce(kept0, default(MaxReduction));
        kept1 = GroupReduce.WarpReduce(kept1, default(MaxReduction));
        kept2 = GroupReduce.WarpReduce(kept2, default(MaxReduction));
        kept3 = GroupReduce.WarpReduce(kept3, default(MaxReduction));
        int half = (Group.IdxX / 32) & 1;
        if (Warp.IsFirstLane)
        {
            warpMaxima[(row0 * 2) + half] = kept0;
            warpMaxima[((row0 + 1) * 2) + half] = kept1;
            warpMaxima[((row0 + 2) * 2) + half] = kept2;
            warpMaxima[((row0 + 3) * 2) + half] = kept3;
        }

        Group.Barrier();
        if (Group.IdxX < rows)
        {
            partials[(Grid.IdxX * MaxRows) + Group.IdxX] = IntrinsicMath.Max(warpMaxima[Group.IdxX * 2], warpMaxima[(Group.IdxX * 2) + 1]);
        }

        outliers = GroupReduce.Sum(outliers, countScratch);
        bad = GroupReduce.Sum(bad, badScratch);
        if (Group.IsFirstThread)
        {
            sliceCounts[Grid.IdxX] = outliers;
            if (bad != 0)
            {
                Atomic.Add(ref nonFinite[0], bad);
            }
        }
    }

    /// <summary>
    /// Second launch (after <see cref="Mark"/>, same shape): the row absmax (the max of the slices' partials; group 0
    /// stores it), this slice's codes with the row scales (0 in outlier columns), its outlier columns at the offset the
    /// lower slices' counts give (ascending overall), and, by the last group, the padding words and the count.
    /// </summary>
    /// <param name="x">Activations [rows × cols], 16-byte aligned.</param>
    /// <param name="rows">Tokens, 1 to <see cref="MaxRows"/>.</param>
    /// <param name="cols">Columns, a multiple of 4.</param>
    /// <param name="words">Packed words per row of codes (cols / 4 rounded up to the GEMM's K multiple).</param>
    /// <param name="masks">The masks <see cref="Mark"/> wrote.</param>
    /// <param name="partials">The partial row maxima <see cref="Mark"/> wrote.</param>
    /// <param name="sliceCounts">The slice counts <see cref="Mark"/> wrote.</param>
    /// <param name="indices">The outlier columns, ascending.</param>
    /// <param name="count">One element: how many there are.</param>
    /// <param name="packed">Codes [rows × words], four per word.</param>
    /// <param name="rowAbsMax">Per row, the absmax of the other, finite columns [rows].</param>
    public static void Code(
        ArrayView<float> x, int rows, int cols, int words, ArrayView<int> masks, ArrayView<float> partials, ArrayView<int> sliceCounts,
        ArrayView<int> indices, ArrayView<int> count, ArrayView<int> packed, ArrayView<float> rowAbsMax)
    {
        var maxBits = SharedMemory.Allocate<int>(MaxRows);
        var offsets = SharedMemory.Allocate<int>(Threads);
        var sumScratch = SharedMemory.Allocate<int>(GroupReduce.MaxWarps);
        var quads = x.Cast<FloatQuad>();
        int rowQuads = cols >> 2;
        int steps = Steps(cols);
        int groups = Grid.DimX;
        int local = Group.IdxX % QuadsPerStep;
        int block = Group.IdxX / QuadsPerStep;
        int row0 = block * RowsPerBlock;
        int slice0 = Grid.IdxX * QuadsPerStep * steps;

        if (Group.IdxX < MaxRows)
        {
            maxBits[Group.IdxX] = 0;
        }

        // Every slice's maxima (at most MaxGroups × 16 = 4 per thread, loaded together) and the lower slices' counts.
        int all = groups * MaxRows;
        int at0 = Group.IdxX, at1 = at0 + Threads, at2 = at1 + Threads, at3 = at2 + Threads;
        float p0 = Partial(partials, at0, all, rows), p1 = Partial(partials, at1, all, rows);
        float p2 = Partial(partials, at2, all, rows), p3 = Partial(partials, at3, all, rows);
        int lower = Group.IdxX < Grid.IdxX ? sliceCounts[Group.IdxX] : 0;
        Group.Barrier(); // the maxima are cleared

        // Non-negative floats order as their bits.
        MaxInto(maxBits, at0, p0);
        MaxInto(maxBits, at1, p1);
        MaxInto(maxBits, at2, p2);
        MaxInto(maxBits, at3, p3);
        int write = GroupReduce.Sum(lower, sumScratch); // its barriers also publish the maxima

        if (Grid.IdxX == 0 && Group.IdxX < rows)
        {
            rowAbsMax[Group.IdxX] = Interop.IntAsFloat((uint)maxBits[Group.IdxX]);
        }

        float scale0 = Scale(maxBits, row0), scale1 = Scale(maxBits, row0 + 1), scale2 = Scale(maxBits, row0 + 2), scale3 = Scale(maxBits, row0 + 3);
        for (int step = 0; step < steps; step++)
        {
            int quad = slice0 + (step * QuadsPerStep) + local;
            bool inside = quad < rowQuads;
            int mask = inside ? masks[quad] : 0;
            var v0 = Load(quads, rows, rowQuads, row0, quad, inside);
            var v1 = Load(quads, rows, rowQuads, row0 + 1, quad, inside);
            var v2 = Load(quads, rows, rowQuads, row0 + 2, quad, inside);
            var v3 = Load(quads, rows, rowQuads, row0 + 3, quad, inside);

            // The first row block lists the step's outlier columns (threads in quad order: ascending positions).
            int mine = block == 0 ? Bits(mask) : 0;
            int at = write + GroupScan.InclusiveSum(mine, offsets) - mine;
            write += offsets[Threads - 1];
            if (mine != 0)
            {
                int col = quad << 2;
                for (int bit = 0; bit < 4; bit++)
                {
                    if ((mask & (1 << bit)) != 0)
                    {
                        indices[at++] = col + bit;
                    }
                }
            }

            if (inside)
            {
                Store(packed, rows, words, row0, quad, v0, mask, scale0);
                Store(packed, rows, words, row0 + 1, quad, v1, mask, scale1);
                Store(packed, rows, words, row0 + 2, quad, v2, mask, scale2);
                Store(packed, rows, words, row0 + 3, quad, v3, mask, scale3);
            }

            Group.Barrier(); // the next scan rewrites the offsets
        }

        if (Grid.IdxX == groups - 1)
        {
            for (int row = 0; row < rows; row++)
            {
                for (int word = rowQuads + Group.IdxX; word < words; word += Threads)
                {
                    packed[((long)row * words) + word] = 0;
                }
            }

            if (Group.IsFirstThread)
            {
                count[0] = write;
            }
        }
    }

    // Quad `quad` of row `row`, or zeros past the batch or the row.
    private static FloatQuad Load(ArrayView<FloatQuad> quads, int rows, int rowQuads, int row, int quad, bool inside) =>
        inside && row < rows ? quads[((long)row * rowQuads) + quad] : default;

    // Codes row `row`'s quad into its packed word (nothing past the batch).
    private static void Store(ArrayView<int> packed, int rows, int words, int row, int quad, FloatQuad v, int mask, float scale)
    {
        if (row < rows)
        {
            packed[((long)row * words) + quad] = Int8Format.Pack(
                Int8Element.Code(v.X, (mask & 1) != 0, scale),
                Int8Element.Code(v.Y, (mask & 2) != 0, scale),
                Int8Element.Code(v.Z, (mask & 4) != 0, scale),
                Int8Element.Code(v.W, (mask & 8) != 0, scale));
        }
    }

    // Partial `at` of the [groups × MaxRows] maxima, or 0 past the end or for a row past the batch (never written).
    private static float Partial(ArrayView<float> partials, int at, int all, int rows) =>
        at < all && (at % MaxRows) < rows ? partials[at] : 0f;

    private static void MaxInto(ArrayView<int> maxBits, int at, float value)
    {
        if (value > 0f)
        {
            Atomic.Max(ref maxBits[at % MaxRows], (int)Interop.FloatAsInt(value));
        }
    }

    // The quantization scale of row `row` (0 past the batch: nothing is coded there).
    private static float Scale(ArrayView<int> maxBits, int row) =>
        row < MaxRows ? Int8Format.QuantScale(Interop.IntAsFloat((uint)maxBits[row])) : 0f;

    private static int NonFinite(FloatQuad v) =>
        Int8Element.NonFinite(v.X) + Int8Element.NonFinite(v.Y) + Int8Element.NonFinite(v.Z) + Int8Element.NonFinite(v.W);

    // Set bits of a four-bit mask.
    private static int Bits(int mask) => (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1) + ((mask >> 3) & 1);

    // The largest magnitude of v's components that are neither outliers (mask bit set) nor NaN/±∞.
    private static float Kept(FloatQuad v, int mask) => IntrinsicMath.Max(
        IntrinsicMath.Max(Int8Element.Magnitude(v.X, (mask & 1) != 0), Int8Element.Magnitude(v.Y, (mask & 2) != 0)),
        IntrinsicMath.Max(Int8Element.Magnitude(v.Z, (mask & 4) != 0), Int8Element.Magnitude(v.W, (mask & 8) != 0)));
}
