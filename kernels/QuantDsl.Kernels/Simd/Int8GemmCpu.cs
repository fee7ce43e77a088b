namespace QuantDsl.Kernels.Simd;

/// <summary>
/// The CPU int8 GEMM driver: <c>y[r, c] = epilogue(Σ_k a[r, k]·b[c, k], r, c)</c> with both operands
/// K-contiguous int8 (A: [m × k] activations, B: [n × k] weights, one row per output channel).
/// Rows are split over cores; columns are walked in blocks whose weight rows stay in cache while every
/// row of the task reuses them.
/// </summary>
public static class Int8GemmCpu
{
    private const int RowsPerTask = 8;
    private const int ColumnBlock = 64;

    /// <summary>Runs the GEMM against weights packed once per weight version (the fast path for every M).</summary>
    /// <param name="a">A, row r at <c>a[r·lda ..]</c>, codes in [−127, 127].</param>
    /// <param name="lda">Elements between rows of A (≥ weights.K).</param>
    /// <param name="weights">B packed by <see cref="Int8PackedWeights.Pack(sbyte[], int, int, int)"/>.</param>
    /// <param name="y">The output, row r at <c>y[r·weights.N ..]</c>.</param>
    /// <param name="m">Rows of A and of the output.</param>
    /// <param name="epilogue">Dequantization and extra terms.</param>
    public static void Run<TEpilogue>(sbyte[] a, int lda, Int8PackedWeights weights, float[] y, int m, TEpilogue epilogue)
        where TEpilogue : struct, IInt8GemmEpilogue
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(y);
        if (m < 0 || lda < weights.K || (m > 0 && (long)(m - 1) * lda + weights.K > a.Length) || (long)m * weights.N > y.Length)
        {
            throw new ArgumentException(
                $"Int8 GEMM operands do not fit: m={m}, n={weights.N}, k={weights.K}, lda={lda}, |a|={a.Length}, |y|={y.Length}.");
        }

        if (m > 0 && weights.N > 0)
        {
            Int8PackedGemmCpu.Run(a, lda, weights, y, m, epilogue);
        }
    }

    /// <summary>Runs the GEMM.</summary>
    /// <param name="a">A, row r at <c>a[r·lda ..]</c>.</param>
    /// <param name="lda">Elements between rows of A (≥ k).</param>
    /// <param name="b">B, row c at <c>b[c·ldb ..]</c>.</param>
    /// <param name="ldb">Elements between rows of B (≥ k).</param>
    /// <param name="y">The output, row r at <c>y[r·n ..]</c>.</param>
    /// <param name="m">Rows of A and of the output.</param>
    /// <param name="n">Rows of B: columns of the output.</param>
    /// <param name="k">Reduction length.</param>
    /// <param name="epilogue">Dequantization and extra terms.</param>
    public static void Run<TEpilogue>(sbyte[] a, int lda, sbyte[] b, int ldb, float[] y, int m, int n, int k, TEpilogue epilogue)
        where TEpilogue : struct, IInt8GemmEpilogue
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(y);
        if (lda < k || ldb < k || (long)m * lda > a.Length || (long)n * ldb > b.Length || (long)m * n > y.Length)
        {
            throw new ArgumentException(
                $"Int8 GEMM operands do not fit: m={m}, n={n}, k={k}, lda={lda}, ldb={ldb}, |a|={a.Length}, |b|={b.Length}, |y|={y.Length}.");
        }

        int tasks = (m + RowsPerTask - 1) / RowsPerTask;
        Parallel.For(0, tasks, task =>
        {
            int row0 = task * RowsPerTask;
            int row1 = Math.Min(row0 + RowsPerTask, m);
            for (int col0 = 0; col0 < n; col0 += ColumnBlock)
            {
                int col1 = Math.Min(col0 + ColumnBlock, n);
                for (int row = row0; row < row1; row++)
                {
                    var aRow = new ReadOnlySpan<sbyte>(a, row * lda, k);
                    var yRow = new Span<float>(y, row * n, n);
                    for (int col = col0; col < col1; col++)
                    {
                        int acc = Int8Simd.Dot(aRow, new ReadOnlySpan<sbyte>(b, col * ldb, k));
                        yRow[col] = epilogue.Apply(acc, row, col);
                    }
                }
            }
        });
    }
}
