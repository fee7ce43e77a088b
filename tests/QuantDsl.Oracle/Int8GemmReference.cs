namespace QuantDsl.Oracle;

/// <summary>The int8 GEMM as written: <c>acc[r, c] = Σ_k a[r, k]·b[c, k]</c> in exact int32 (ALGORITHMS.md, int8 matmul).</summary>
public static class Int8GemmReference
{
    /// <summary>Exact int32 sums for A [m × k] and B [n × k], both K-contiguous and dense.</summary>
    public static int[] Multiply(sbyte[] a, sbyte[] b, int m, int n, int k)
    {
        var acc = new int[m * n];
        for (int row = 0; row < m; row++)
        {
            for (int col = 0; col < n; col++)
            {
                int sum = 0;
                for (int kk = 0; kk < k; kk++)
                {
                    sum += a[(row * k) + kk] * b[(col * k) + kk];
                }

                acc[(row * n) + col] = sum;
            }
        }

        return acc;
    }
}
