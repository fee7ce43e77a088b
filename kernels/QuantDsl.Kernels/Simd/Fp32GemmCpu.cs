using System.Runtime.Intrinsics;

namespace QuantDsl.Kernels.Simd;

/// <summary>
/// CPU fp32 GEMM, BLAS-style: <c>C = op(A)·op(B)</c> (or <c>C += …</c>) with row-major operands given
/// by array, offset and leading dimension, op = identity or transpose. op(A) is [m × k], op(B) is
/// [k × n], C is [m × n]. Used by the backward passes and by the full-precision parts of the training
/// stack (attention, the baseline linear layers). From 4 rows up it runs the blocked, packed, multi-threaded
/// FMA GEMM (<see cref="Fp32GemmBlocked"/>); fewer rows stream B once per row.
/// </summary>
public static class Fp32GemmCpu
{
    // From this many rows the packed 6 × 16 micro-kernel wins over streaming B once per row.
    private const int BlockedMinRows = 4;

    /// <summary>Computes <c>C = op(A)·op(B)</c>, or adds it to C when <paramref name="accumulate"/> is set.</summary>
    /// <param name="a">A's storage.</param>
    /// <param name="aOffset">Index of A's first element.</param>
    /// <param name="lda">Elements between consecutive rows of A as stored ([m × k], or [k × m] when transposed).</param>
    /// <param name="transposeA">Whether A is stored [k × m] and used transposed.</param>
    /// <param name="b">B's storage.</param>
    /// <param name="bOffset">Index of B's first element.</param>
    /// <param name="ldb">Elements between consecutive rows of B as stored ([k × n], or [n × k] when transposed).</param>
    /// <param name="transposeB">Whether B is stored [n × k] and used transposed.</param>
    /// <param name="c">C's storage, [m × n] row-major.</param>
    /// <param name="cOffset">Index of C's first element.</param>
    /// <param name="ldc">Elements between consecutive rows of C.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Reduction length.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    public static void Multiply(
        float[] a, int aOffset, int lda, bool transposeA,
        float[] b, int bOffset, int ldb, bool transposeB,
        float[] c, int cOffset, int ldc,
        int m, int n, int k, bool accumulate)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        CheckOperand("A", a.Length, aOffset, lda, transposeA ? k : m, transposeA ? m : k);
        CheckOperand("B", b.Length, bOffset, ldb, transposeB ? n : k, transposeB ? k : n);
        CheckOperand("C", c.Length, cOffset, ldc, m, n);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                for (int row = 0; row < m; row++)
                {
                    new Span<float>(c, cOffset + (row * ldc), n).Clear();
                }
            }

            return;
        }

        if (m >= BlockedMinRows && Vector256.IsHardwareAccelerated)
        {
            Fp32GemmBlocked.Multiply(a, aOffset, lda, transposeA, b, bOffset, ldb, transposeB, c, cOffset, ldc, m, n, k, accumulate);
            return;
        }

        MultiplySkinny(a, aOffset, lda, transposeA, b, bOffset, ldb, transposeB, c, cOffset, ldc, m, n, k, accumulate);
    }

    /// <summary>Few rows: each row streams B once, with no packing (a matrix-vector product per row).</summary>
    private static void MultiplySkinny(
        float[] a, int aOffset, int lda, bool transposeA,
        float[] b, int bOffset, int ldb, bool transposeB,
        float[] c, int cOffset, int ldc,
        int m, int n, int k, bool accumulate)
    {
        if (transposeB && transposeA)
        {
            // Rare (no caller uses it yet): make B row-major [k × n] once, then take the AXPY path.
            var packed = new float[k * n];
            for (int col = 0; col < n; col++)
            {
                for (int kk = 0; kk < k; kk++)
                {
                    packed[(kk * n) + col] = b[bOffset + (col * ldb) + kk];
                }
            }

            MultiplySkinny(a, aOffset, lda, true, packed, 0, n, false, c, cOffset, ldc, m, n, k, accumulate);
            return;
        }

        // Split over columns: m is small here, and every core should stream its own part of B.
        int tasks = Math.Max(1, Math.Min(4 * Environment.ProcessorCount, (int)Math.Min(n, ((long)m * n * k) >> 16)));
        int chunk = (n + tasks - 1) / tasks;
        Parallel.For(0, (n + chunk - 1) / chunk, task =>
        {
            int col0 = task * chunk;
            int cols = Math.Min(chunk, n - col0);
            for (int row = 0; row < m; row++)
            {
                var cRow = new Span<float>(c, cOffset + (row * ldc) + col0, cols);
                if (transposeB)
                {
                    // Both operands K-contiguous: one SIMD dot product per output.
                    var aRow = new ReadOnlySpan<float>(a, aOffset + (row * lda), k);
                    for (int col = 0; col < cols; col++)
                    {
                        float dot = Fp32Simd.Dot(aRow, new ReadOnlySpan<float>(b, bOffset + ((col0 + col) * ldb), k));
                        cRow[col] = accumulate ? cRow[col] + dot : dot;
                    }

                    continue;
                }

                if (!accumulate)
                {
                    cRow.Clear();
                }

                // B row-major: C row += A(row, kk) · B row kk, a SIMD AXPY per K step.
                for (int kk = 0; kk < k; kk++)
                {
                    float alpha = transposeA ? a[aOffset + (kk * lda) + row] : a[aOffset + (row * lda) + kk];
                    if (alpha != 0f)
                    {
                        Fp32Simd.Axpy(alpha, new ReadOnlySpan<float>(b, bOffset + (kk * ldb) + col0, cols), cRow);
                    }
                }
            }
        });
    }

    private static void CheckOperand(string name, int length, int offset, int ld, int rows, int cols)
    {
        if (offset < 0 || ld < cols || rows < 0 || cols < 0 || (rows > 0 && (long)offset + ((long)(rows - 1) * ld) + cols > length))
        {
            throw new ArgumentException(
                $"GEMM operand {name} [{rows} × {cols}] with offset {offset} and leading dimension {ld} does not fit its {length} elements.");
        }
    }
}
