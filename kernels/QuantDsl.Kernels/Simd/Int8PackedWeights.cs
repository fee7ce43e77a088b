namespace QuantDsl.Kernels.Simd;

/// <summary>
/// Int8 weights ([n × k], one K-contiguous row per output channel) repacked once per weight version for
/// the CPU GEMM micro-kernel: columns in blocks of 8, K in quads of 4, so one 32-byte load holds 4
/// consecutive k of 8 output channels (the vpdpbusd operand shape). K is padded to a multiple of 4 and n
/// to a multiple of 16 with zero codes, which add nothing to any sum. The column sums feed the +128
/// correction of the unsigned×signed VNNI product.
/// </summary>
public sealed class Int8PackedWeights
{
    /// <summary>Output channels packed together by the micro-kernel (two 8-column blocks).</summary>
    internal const int PanelColumns = 16;

    private Int8PackedWeights(int n, int k, int paddedK, int paddedN, sbyte[] data, int[] columnSums)
    {
        N = n;
        K = k;
        PaddedK = paddedK;
        PaddedN = paddedN;
        Data = data;
        ColumnSums = columnSums;
    }

    /// <summary>Output channels (rows of the original B).</summary>
    public int N { get; }

    /// <summary>Reduction length.</summary>
    public int K { get; }

    internal int PaddedK { get; }

    internal int PaddedN { get; }

    /// <summary>Packed codes: block cb (8 columns), quad q → 32 bytes at <c>(cb·PaddedK/4 + q)·32</c>, column-major within.</summary>
    internal sbyte[] Data { get; }

    /// <summary>Σ_k b[c, k] per column (padded columns 0).</summary>
    internal int[] ColumnSums { get; }

    /// <summary>Packs B, row c at <c>b[c·ldb ..]</c>, k codes each. Codes must lie in [−127, 127] (the int8 format never produces −128).</summary>
    /// <param name="b">B's storage.</param>
    /// <param name="ldb">Elements between rows of B (≥ k).</param>
    /// <param name="n">Rows of B (output channels).</param>
    /// <param name="k">Codes per row.</param>
    /// <returns>The packed weights.</returns>
    public static Int8PackedWeights Pack(sbyte[] b, int ldb, int n, int k)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (n < 0 || k < 0 || ldb < k || (n > 0 && (long)(n - 1) * ldb + k > b.Length))
        {
            throw new ArgumentException($"Int8 weights [{n} × {k}] with leading dimension {ldb} do not fit their {b.Length} elements.");
        }

        int paddedK = (k + 3) & ~3;
        int paddedN = (n + PanelColumns - 1) / PanelColumns * PanelColumns;
        var data = new sbyte[(long)paddedN * paddedK > int.MaxValue ? throw new ArgumentException($"Int8 weights [{n} × {k}] are too large to pack.") : paddedN * paddedK];
        var sums = new int[paddedN];
        int quads = paddedK / 4;
        for (int col = 0; col < n; col++)
        {
            int block = col / 8;
            int lane = col % 8;
            int sum = 0;
            for (int kk = 0; kk < k; kk++)
            {
                sbyte code = b[(col * ldb) + kk];
                sum += code;
                data[((block * quads) + (kk / 4)) * 32 + (lane * 4) + (kk % 4)] = code;
            }

            sums[col] = sum;
        }

        return new Int8PackedWeights(n, k, paddedK, paddedN, data, sums);
    }
}
