namespace QuantDsl.Kernels.Simd;

/// <summary>
/// Runs a per-row body over rows, split over cores only when there is enough work: below
/// <see cref="ParallelElements"/> elements (a few decode tokens) one pass on the calling thread takes microseconds,
/// less than handing rows to the thread pool and waiting for its replicas, which on a busy 2-core host costs far more.
/// </summary>
internal static class RowLoop
{
    /// <summary>Elements (rows × row length) from which the rows are split over cores.</summary>
    public const long ParallelElements = 1 << 15;

    /// <summary>Calls <paramref name="row"/> for every row in [0, <paramref name="rows"/>).</summary>
    /// <param name="rows">Row count.</param>
    /// <param name="elementsPerRow">Elements one row's body touches (decides the split).</param>
    /// <param name="row">The body; rows run concurrently when split, so it writes only its row's outputs.</param>
    public static void For(int rows, int elementsPerRow, Action<int> row)
    {
        if ((long)rows * elementsPerRow >= ParallelElements)
        {
            Parallel.For(0, rows, row);
            return;
        }

        for (int r = 0; r < rows; r++)
        {
            row(r);
        }
    }
}
