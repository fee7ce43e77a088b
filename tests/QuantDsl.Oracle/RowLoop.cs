namespace QuantDsl.Oracle;

/// <summary>
/// Runs the independent rows of an oracle loop either one after another or spread over cores. Each row
/// does the same arithmetic in the same order either way, so results are bit-identical; parallel only
/// makes real sizes (4096³ is 69 G multiply-adds) affordable for the GPU harness.
/// </summary>
internal static class RowLoop
{
    /// <summary>Calls <paramref name="body"/> for rows 0 … <paramref name="count"/> − 1.</summary>
    public static void For(int count, bool parallel, Action<int> body)
    {
        if (parallel)
        {
            Parallel.For(0, count, body);
            return;
        }

        for (int row = 0; row < count; row++)
        {
            body(row);
        }
    }
}
