using System.Runtime.CompilerServices;
using ILGPU;
using QuantDsl.Kernels.Reductions;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// The reduction of a K split of <see cref="Int8MmaGemm"/> (grid Z &gt; 1): every block adds its partial int32 sums into
/// a workspace with atomics, takes a ticket for its output tile, and the block holding the last ticket reads the totals
/// back (exchanging them for zero, so the workspace is zero again for the next call) and runs the epilogue. Integer
/// addition is exact and associative, so the result has the bits of the unsplit kernel whatever the arrival order.
/// </summary>
public static class Int8SplitK
{
    /// <summary>Adds a fragment quad's partial sums — (row, col), (row, col + 1), (row + 8, col), (row + 8, col + 1) — inside [rows × cols].</summary>
    /// <param name="sums">The workspace [rows × cols].</param>
    /// <param name="rows">Output rows.</param>
    /// <param name="cols">Output columns.</param>
    /// <param name="top">Partial sum of (row, col).</param>
    /// <param name="topNext">Partial sum of (row, col + 1).</param>
    /// <param name="bottom">Partial sum of (row + 8, col).</param>
    /// <param name="bottomNext">Partial sum of (row + 8, col + 1).</param>
    /// <param name="row">Row of the top pair.</param>
    /// <param name="col">Column of the pair's first element.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddQuad(ArrayView<int> sums, int rows, int cols, int top, int topNext, int bottom, int bottomNext, int row, int col)
    {
        if (row >= rows || col >= cols)
        {
            return;
        }

        bool second = col + 1 < cols;
        long at = ((long)row * cols) + col;
        Atomic.Add(ref sums[at], top);
        if (second)
        {
            Atomic.Add(ref sums[at + 1], topNext);
        }

        if (row + 8 < rows)
        {
            at += 8L * cols;
            Atomic.Add(ref sums[at], bottom);
            if (second)
            {
                Atomic.Add(ref sums[at + 1], bottomNext);
            }
        }
    }

    /// <summary>
    /// After this block's <see cref="AddQuad"/> calls: whether it is the last of its tile's splits to arrive (then it owns
    /// the totals and has reset the tile's ticket). Uniform over the block; every thread must call it.
    /// </summary>
    /// <param name="tickets">Per-tile arrival counters.</param>
    /// <param name="shared">Any shared memory of the block (its first element carries the answer to every thread).</param>
    /// <param name="tileIndex">The output tile (the same for every split of it).</param>
    public static bool IsLastOfTile(ArrayView<int> tickets, ArrayView<int> shared, int tileIndex) =>
        LastGroupTicket.Arrive(tickets, tileIndex, Grid.DimZ, shared);

    /// <summary>Replaces a fragment quad's values by the totals of the workspace, zeroing those workspace elements (the same elements as <see cref="AddQuad"/>).</summary>
    /// <param name="sums">The workspace [rows × cols].</param>
    /// <param name="rows">Output rows.</param>
    /// <param name="cols">Output columns.</param>
    /// <param name="top">Total of (row, col).</param>
    /// <param name="topNext">Total of (row, col + 1).</param>
    /// <param name="bottom">Total of (row + 8, col).</param>
    /// <param name="bottomNext">Total of (row + 8, col + 1).</param>
    /// <param name="row">Row of the top pair.</param>
    /// <param name="col">Column of the pair's first element.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TakeQuad(ArrayView<int> sums, int rows, int cols, ref int top, ref int topNext, ref int bottom, ref int bottomNext, int row, int col)
    {
        if (row >= rows || col >= cols)
        {
            return;
        }

        // Exchanges, not loads: they read the atomics' results at the L2 (no stale L1 line) and leave zero behind.
        bool second = col + 1 < cols;
        long at = ((long)row * cols) + col;
        top = Atomic.Exchange(ref sums[at], 0);
        if (second)
        {
            topNext = Atomic.Exchange(ref sums[at + 1], 0);
        }

        if (row + 8 < rows)
        {
            at += 8L * cols;
            bottom = Atomic.Exchange(ref sums[at], 0);
            if (second)
            {
                bottomNext = Atomic.Exchange(ref sums[at + 1], 0);
            }
        }
    }
}
