using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QuantDsl.Kernels.Simd;

/// <summary>
/// The register-blocked int8 GEMM over <see cref="Int8PackedWeights"/>: a 4-row × 16-column micro-kernel
/// keeps 8 int32 vectors of accumulators, reads 2 packed 32-byte weight vectors and broadcasts 4 activation
/// bytes per row for every quad of k. Work is split over 16-column weight panels so each task keeps its panel
/// in cache while it walks every row (and M = 1 still uses every core).
/// </summary>
internal static class Int8PackedGemmCpu
{
    private const int Rows = 4;

    // Per calling thread, so a test forcing one path does not change the path of tests running beside it.
    [ThreadStatic]
    private static Int8GemmPath forcedPath;

    /// <summary>Tests set this to run one path regardless of the machine; <see cref="Int8GemmPath.Auto"/> otherwise.</summary>
    internal static Int8GemmPath ForcedPath
    {
        get => forcedPath;
        set => forcedPath = value;
    }

    internal static Int8GemmPath Resolve()
    {
        var path = ForcedPath;
        if (path == Int8GemmPath.Auto)
        {
            path = AvxVnni.IsSupported ? Int8GemmPath.Vnni : Avx2.IsSupported ? Int8GemmPath.Avx2 : Int8GemmPath.Scalar;
        }

        if ((path == Int8GemmPath.Vnni && !AvxVnni.IsSupported) || (path == Int8GemmPath.Avx2 && !Avx2.IsSupported))
        {
            throw new PlatformNotSupportedException($"The int8 GEMM path {path} is not supported on this CPU.");
        }

        return path;
    }

    internal static void Run<TEpilogue>(sbyte[] a, int lda, Int8PackedWeights b, float[] y, int m, TEpilogue epilogue)
        where TEpilogue : struct, IInt8GemmEpilogue
    {
        int n = b.N;
        int k = b.K;
        int paddedK = b.PaddedK;
        var path = Resolve();

        // The kernel reads whole quads, up to PaddedK bytes per row. Bytes past k meet zero weights, so whatever they
        // hold adds nothing: a signed A with room for the padding is read in place (the generated layers pad rows to
        // 64 codes). Otherwise, and always on the VNNI path (which needs a + 128, undone with 128·colsum(B)), A is
        // copied into padded rows from a pool.
        byte flip = path == Int8GemmPath.Vnni ? (byte)0x80 : (byte)0;
        byte[]? rented = null;
        byte[] source;
        int stride;
        if (flip == 0 && lda >= paddedK && (long)(m - 1) * lda + paddedK <= a.Length)
        {
            source = Unsafe.As<byte[]>(a);
            stride = lda;
        }
        else
        {
            rented = ArrayPool<byte>.Shared.Rent(m * paddedK);
            source = rented;
            stride = paddedK;
            for (int row = 0; row < m; row++)
            {
                var from = MemoryMarshal.AsBytes(new ReadOnlySpan<sbyte>(a, row * lda, k));
                var to = new Span<byte>(rented, row * paddedK, paddedK);
                XorInto(from, to, flip);
                to[k..].Clear();
            }
        }

        try
        {
            int panels = b.PaddedN / Int8PackedWeights.PanelColumns;
            int chunk = Math.Max(1, panels / (Environment.ProcessorCount * 4));
            int tasks = (panels + chunk - 1) / chunk;
            Parallel.For(0, tasks, task =>
            {
                Span<int> tile = stackalloc int[Rows * Int8PackedWeights.PanelColumns];
                int panel1 = Math.Min((task + 1) * chunk, panels);
                for (int panel = task * chunk; panel < panel1; panel++)
                {
                    int col0 = panel * Int8PackedWeights.PanelColumns;
                    int cols = Math.Min(Int8PackedWeights.PanelColumns, n - col0);
                    for (int row0 = 0; row0 < m; row0 += Rows)
                    {
                        int rows = Math.Min(Rows, m - row0);
                        Tile(path, rows, source, row0 * stride, stride, paddedK, b.Data, panel, tile);
                        for (int r = 0; r < rows; r++)
                        {
                            int row = row0 + r;
                            int yBase = (row * n) + col0;
                            for (int c = 0; c < cols; c++)
                            {
                                int acc = tile[(r * Int8PackedWeights.PanelColumns) + c];
                                if (flip != 0)
                                {
                                    acc -= 128 * b.ColumnSums[col0 + c];
                                }

                                y[yBase + c] = epilogue.Apply(acc, row, col0 + c);
                            }
                        }
                    }
                }
            });
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>One rows × 16 tile of sums: the kernel is specialized on the row count so M = 1..3 does no wasted work.</summary>
    private static void Tile(Int8GemmPath path, int rows, byte[] a, int aOffset, int lda, int paddedK, sbyte[] packedB, int panel, Span<int> tile)
    {
        switch (path)
        {
            case Int8GemmPath.Vnni:
                Tile<VnniStep>(rows, a, aOffset, lda, paddedK, packedB, panel, tile);
                break;
            case Int8GemmPath.Avx2:
                Tile<Avx2Step>(rows, a, aOffset, lda, paddedK, packedB, panel, tile);
                break;
            default:
                KernelScalar(rows, a, aOffset, lda, paddedK, packedB, panel, tile);
                break;
        }
    }

    private static void Tile<TStep>(int rows, byte[] a, int aOffset, int lda, int paddedK, sbyte[] packedB, int panel, Span<int> tile)
        where TStep : struct, IDotStep
    {
        switch (rows)
        {
            case 1:
                Kernel<TStep, OneRow>(a, aOffset, lda, paddedK, packedB, panel, tile);
                break;
            case 2:
                Kernel<TStep, TwoRows>(a, aOffset, lda, paddedK, packedB, panel, tile);
                break;
            case 3:
                Kernel<TStep, ThreeRows>(a, aOffset, lda, paddedK, packedB, panel, tile);
                break;
            default:
                Kernel<TStep, FourRows>(a, aOffset, lda, paddedK, packedB, panel, tile);
                break;
        }
    }

    private static void XorInto(ReadOnlySpan<byte> source, Span<byte> target, byte mask)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var maskVector = Vector256.Create(mask);
            for (; i <= source.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                (Vector256.Create(source.Slice(i, Vector256<byte>.Count)) ^ maskVector).CopyTo(target.Slice(i));
            }
        }

        for (; i < source.Length; i++)
        {
            target[i] = (byte)(source[i] ^ mask);
        }
    }

    /// <summary>
    /// The (up to) 4 × 16 micro-kernel: per quad of k, two 32-byte weight loads (columns 0–7, 8–15) shared by every row and
    /// one 4-byte activation broadcast per row. <typeparamref name="TRows"/> is a constant to the JIT, so the unused rows'
    /// accumulators and loads disappear.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<TStep, TRows>(byte[] a, int aOffset, int lda, int paddedK, sbyte[] packedB, int panel, Span<int> tile)
        where TStep : struct, IDotStep
        where TRows : struct, IRowCount
    {
        int quads = paddedK / 4;
        ref byte aRow0 = ref a[aOffset];
        ref byte aRow1 = ref Unsafe.Add(ref aRow0, TRows.Count > 1 ? lda : 0);
        ref byte aRow2 = ref Unsafe.Add(ref aRow0, TRows.Count > 2 ? 2 * lda : 0);
        ref byte aRow3 = ref Unsafe.Add(ref aRow0, TRows.Count > 3 ? 3 * lda : 0);
        ref sbyte bPanel = ref packedB[panel * quads * Int8PackedWeights.QuadBytes];
        Vector256<int> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<int> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int q = 0; q < quads; q++)
        {
            nuint bOffset = (nuint)q * Int8PackedWeights.QuadBytes;
            var b0 = Vector256.LoadUnsafe(ref bPanel, bOffset);
            var b1 = Vector256.LoadUnsafe(ref bPanel, bOffset + 32);
            nuint offset = (nuint)(q * 4);
            var a0 = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref aRow0, offset))).AsByte();
            c00 = TStep.Step(c00, a0, b0);
            c01 = TStep.Step(c01, a0, b1);
            if (TRows.Count > 1)
            {
                var a1 = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref aRow1, offset))).AsByte();
                c10 = TStep.Step(c10, a1, b0);
                c11 = TStep.Step(c11, a1, b1);
            }

            if (TRows.Count > 2)
            {
                var a2 = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref aRow2, offset))).AsByte();
                c20 = TStep.Step(c20, a2, b0);
                c21 = TStep.Step(c21, a2, b1);
            }

            if (TRows.Count > 3)
            {
                var a3 = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref aRow3, offset))).AsByte();
                c30 = TStep.Step(c30, a3, b0);
                c31 = TStep.Step(c31, a3, b1);
            }
        }

        c00.CopyTo(tile);
        c01.CopyTo(tile[8..]);
        c10.CopyTo(tile[16..]);
        c11.CopyTo(tile[24..]);
        c20.CopyTo(tile[32..]);
        c21.CopyTo(tile[40..]);
        c30.CopyTo(tile[48..]);
        c31.CopyTo(tile[56..]);
    }

    /// <summary>Scalar twin of <see cref="Kernel{TStep, TRows}"/> on the same packed operands (A signed here).</summary>
    private static void KernelScalar(int rows, byte[] a, int aOffset, int lda, int paddedK, sbyte[] packedB, int panel, Span<int> tile)
    {
        int quads = paddedK / 4;
        tile.Clear();
        for (int r = 0; r < rows; r++)
        {
            int aBase = aOffset + (r * lda);
            for (int c = 0; c < Int8PackedWeights.PanelColumns; c++)
            {
                int bBase = (panel * quads * Int8PackedWeights.QuadBytes) + ((c / 8) * 32) + ((c % 8) * 4);
                int sum = 0;
                for (int kk = 0; kk < paddedK; kk++)
                {
                    sum += (sbyte)a[aBase + kk] * packedB[bBase + ((kk / 4) * Int8PackedWeights.QuadBytes) + (kk % 4)];
                }

                tile[(r * Int8PackedWeights.PanelColumns) + c] = sum;
            }
        }
    }

    /// <summary>A row count known to the JIT at compile time of each instantiation.</summary>
    private interface IRowCount
    {
        static abstract int Count { get; }
    }

    private readonly struct OneRow : IRowCount
    {
        public static int Count => 1;
    }

    private readonly struct TwoRows : IRowCount
    {
        public static int Count => 2;
    }

    private readonly struct ThreeRows : IRowCount
    {
        public static int Count => 3;
    }

    private readonly struct FourRows : IRowCount
    {
        public static int Count => 4;
    }

    /// <summary>One quad-of-k step: each int32 lane accumulates Σ_{j&lt;4} a_j·b_j for its column.</summary>
    private interface IDotStep
    {
        static abstract Vector256<int> Step(Vector256<int> acc, Vector256<byte> a, Vector256<sbyte> b);
    }

    /// <summary>vpdpbusd: unsigned a (a + 128) × signed b, exact int32 accumulation.</summary>
    private readonly struct VnniStep : IDotStep
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<int> Step(Vector256<int> acc, Vector256<byte> a, Vector256<sbyte> b) =>
            AvxVnni.MultiplyWideningAndAdd(acc, a, b);
    }

    /// <summary>
    /// AVX2: vpmaddubsw multiplies unsigned × signed bytes and adds pairs into int16 with saturation, so
    /// (a + 128)·b pairs (up to 2·255·127) would clip. The sign-transfer trick feeds it |b| (unsigned) and
    /// sign(b)·a (signed) instead: the products are unchanged and a pair sum is at most 2·127·127 = 32258 &lt; 32767
    /// as long as codes lie in [−127, 127] (−128 never appears in the int8 format). vpmaddwd with ones then adds
    /// the two int16 pairs of each column into int32 exactly.
    /// </summary>
    private readonly struct Avx2Step : IDotStep
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<int> Step(Vector256<int> acc, Vector256<byte> a, Vector256<sbyte> b)
        {
            var magnitudes = Avx2.Abs(b);
            var signedA = Avx2.Sign(a.AsSByte(), b);
            var pairs = Avx2.MultiplyAddAdjacent(magnitudes, signedA);
            return Avx2.Add(acc, Avx2.MultiplyAddAdjacent(pairs, Vector256<short>.One));
        }
    }
}
