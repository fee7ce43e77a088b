namespace QuantDsl.Kernels.Simd;

/// <summary>
/// Int8 weights ([n × k], one K-contiguous row per output channel) repacked once per weight version for
/// the CPU GEMM micro-kernel: columns in panels of 16, K in quads of 4, so one 64-byte line holds 4
/// consecutive k of 16 output channels (two 32-byte vpdpbusd / vpmaddubsw operands, columns 0–7 then 8–15).
/// K is padded to a multiple of 4 and n to a multiple of 16 with zero codes, which add nothing to any sum.
/// The column sums feed the +128 correction of the unsigned×signed VNNI product.
/// </summary>
public sealed class Int8PackedWeights
{
    /// <summary>Output channels packed together by the micro-kernel (two 8-column halves).</summary>
    internal const int PanelColumns = 16;

    /// <summary>Bytes of one quad of k across a panel.</summary>
    internal const int QuadBytes = PanelColumns * 4;

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

    /// <summary>Packed codes: panel p (16 columns), quad q → 64 bytes at <c>(p·PaddedK/4 + q)·64</c>; column c of the panel at byte <c>(c / 8)·32 + (c % 8)·4</c>.</summary>
    internal sbyte[] Data { get; }

    /// <summary>Σ_k b[c, k] per column (padded columns 0).</summary>
    internal int[] ColumnSums { get; }

    /// <summary>Packs B, row c at <c>b[c·ldb ..]</c>, k codes each. Codes must lie in [−127, 127] (the int8 format never produces −128).</summary>
    /// <param name="b">B's storage.</param>
    /// <param name="ldb">Elements between rows of B (≥ k).</param>
    /// <param name="n">Rows of B (output channels).</param>
    /// <param name="k">Codes per row.</param>
    /// <returns>The packed weights.</returns>
    public static Int8PackedWeights Pack(sbyte[] b, int ldb, int n, int k) => Pack(b, ldb, n, k, reuse: null);

    /// <summary>
    /// Packs B like <see cref="Pack(sbyte[], int, int, int)"/>, reusing the storage of <paramref name="reuse"/> when it has
    /// the same shape (a weight repacked after every optimizer step keeps its buffers). <paramref name="reuse"/> must not be
    /// in use by a running GEMM.
    /// </summary>
    /// <param name="b">B's storage.</param>
    /// <param name="ldb">Elements between rows of B (≥ k).</param>
    /// <param name="n">Rows of B (output channels).</param>
    /// <param name="k">Codes per row.</param>
    /// <param name="reuse">Previously packed weights whose storage may be overwritten, or null.</param>
    /// <returns>The packed weights (<paramref name="reuse"/> itself when its storage was reused).</returns>
    public static Int8PackedWeights Pack(sbyte[] b, int ldb, int n, int k, Int8PackedWeights? reuse)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (n < 0 || k < 0 || ldb < k || (n > 0 && (long)(n - 1) * ldb + k > b.Length))
        {
            throw new ArgumentException($"Int8 weights [{n} × {k}] with leading dimension {ldb} do not fit their {b.Length} elements.");
        }

        int paddedK = (k + 3) & ~3;
        int paddedN = (n + PanelColumns - 1) / PanelColumns * PanelColumns;
        if ((long)paddedN * paddedK > int.MaxValue)
        {
            throw new ArgumentException($"Int8 weights [{n} × {k}] are too large to pack.");
        }

        var packed = reuse is not null && reuse.N == n && reuse.K == k
            ? reuse
            : new Int8PackedWeights(n, k, paddedK, paddedN, new sbyte[paddedN * paddedK], new int[paddedN]);
        var data = packed.Data;
        var sums = packed.ColumnSums;
        int quads = paddedK / 4;

        // One panel per task: packing a 4096² weight is ~16 MB of scattered stores, worth both cores.
        Parallel.For(0, paddedN / PanelColumns, panel =>
        {
            for (int c = 0; c < PanelColumns; c++)
            {
                int col = (panel * PanelColumns) + c;
                int columnBase = (panel * quads * QuadBytes) + ((c / 8) * 32) + ((c % 8) * 4);
                if (col >= n)
                {
                    for (int q = 0; q < quads; q++)
                    {
                        new Span<sbyte>(data, columnBase + (q * QuadBytes), 4).Clear();
                    }

                    sums[col] = 0;
                    continue;
                }

                int sum = 0;
                var row = new ReadOnlySpan<sbyte>(b, col * ldb, k);
                for (int kk = 0; kk < paddedK; kk++)
                {
                    sbyte code = kk < k ? row[kk] : (sbyte)0;
                    sum += code;
                    data[columnBase + ((kk / 4) * QuadBytes) + (kk % 4)] = code;
                }

                sums[col] = sum;
            }
        });

        return packed;
    }
}
