using ILGPU;
using ILGPU.Runtime;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// The packed int8 operands of <see cref="Int8MmaGemm"/> with their device addresses: A [rows × words] and B
/// [cols × words] codes, K-contiguous, four per word, K padded with zero codes to <see cref="Int8MmaGemm.KMultiple"/>.
/// The addresses are read on the host (<see cref="Create"/>) because inline PTX (<c>cp.async</c>) needs them and ILGPU
/// device code cannot take a view's address; the views serve the managed twin and bounds.
/// </summary>
public struct Int8MmaOperands
{
    /// <summary>Activations, [rows × words].</summary>
    public ArrayView<int> A;

    /// <summary>Weights, [cols × words].</summary>
    public ArrayView<int> B;

    /// <summary>Device address of <see cref="A"/>[0].</summary>
    public long AAddress;

    /// <summary>Device address of <see cref="B"/>[0].</summary>
    public long BAddress;

    /// <summary>Output rows (tokens).</summary>
    public int Rows;

    /// <summary>Output columns (channels).</summary>
    public int Cols;

    /// <summary>Words per operand row (a multiple of 8).</summary>
    public int Words;

    /// <summary>
    /// Row bands per group of the block order (<see cref="Int8MmaGemm.GroupRows"/> by <see cref="Create"/>; 1 is plain
    /// row-major order, kept so the harness can time both in one run).
    /// </summary>
    public int GroupRows;

    /// <summary>
    /// Blocks per output tile along K (1: no split). <see cref="Int8MmaGemm.Config(Int8MmaTile, Int8MmaOperands)"/> puts
    /// them on the grid's Z; set by <see cref="WithKSplits"/>.
    /// </summary>
    public int KSplits;

    /// <summary>
    /// A split's int32 workspace [rows × cols], all zero between calls: blocks add their partial sums into it and the
    /// tile's last block reads the totals back with exchanges of zero (<see cref="Int8SplitK"/>).
    /// </summary>
    public ArrayView<int> SplitSums;

    /// <summary>A split's per-tile arrival counters, all zero between calls (the last block of a tile resets its own).</summary>
    public ArrayView<int> SplitTickets;

    /// <summary>Host side: the operands of one GEMM call.</summary>
    /// <param name="a">Activations, [rows × words].</param>
    /// <param name="b">Weights, [cols × words].</param>
    /// <param name="rows">Output rows.</param>
    /// <param name="cols">Output columns.</param>
    /// <param name="words">Words per operand row, a multiple of <see cref="Int8MmaGemm.KMultiple"/> / 4.</param>
    public static Int8MmaOperands Create(ArrayView<int> a, ArrayView<int> b, int rows, int cols, int words)
    {
        if (words % (Int8MmaGemm.KMultiple / 4) != 0)
        {
            throw new ArgumentException($"Words per row ({words}) must be a multiple of {Int8MmaGemm.KMultiple / 4}.", nameof(words));
        }

        return new Int8MmaOperands
        {
            A = a,
            B = b,
            AAddress = a.LoadEffectiveAddressAsPtr().ToInt64(),
            BAddress = b.LoadEffectiveAddressAsPtr().ToInt64(),
            Rows = rows,
            Cols = cols,
            Words = words,
            GroupRows = Int8MmaGemm.GroupRows,
            KSplits = 1,
        };
    }

    /// <summary>
    /// These operands with K split over <paramref name="splits"/> blocks per output tile of <paramref name="tile"/>
    /// (reduced by <see cref="Int8MmaGemm.NormalizeKSplits"/> so no block is empty). The sums are exact either way:
    /// int32 addition of the partials gives the same bits as one block's loop.
    /// </summary>
    /// <param name="tile">The tile shape the operands will be launched on.</param>
    /// <param name="splits">Blocks per output tile along K (1 removes a split).</param>
    /// <param name="sums">Workspace of at least rows × cols int32, all zero (kept zero by the kernels).</param>
    /// <param name="tickets">At least <see cref="Int8MmaGemm.Tiles"/> counters, all zero (kept zero by the kernels).</param>
    /// <returns>The operands to launch with <see cref="Int8MmaGemm.Config(Int8MmaTile, Int8MmaOperands)"/>.</returns>
    public readonly Int8MmaOperands WithKSplits(Int8MmaTile tile, int splits, ArrayView<int> sums, ArrayView<int> tickets)
    {
        int normalized = Int8MmaGemm.NormalizeKSplits(Words, splits);
        var split = this;
        split.KSplits = normalized;
        if (normalized == 1)
        {
            split.SplitSums = default;
            split.SplitTickets = default;
            return split;
        }

        int tiles = Int8MmaGemm.Tiles(tile, Rows, Cols);
        if (sums.Length < (long)Rows * Cols || tickets.Length < tiles)
        {
            throw new ArgumentException(
                $"A K split of the [{Rows} × {Cols}] int8 GEMM on {tile} needs {(long)Rows * Cols} workspace sums and {tiles} tickets; got {sums.Length} and {tickets.Length}.");
        }

        split.SplitSums = sums;
        split.SplitTickets = tickets;
        return split;
    }
}
