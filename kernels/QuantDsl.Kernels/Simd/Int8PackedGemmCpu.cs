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

        // A is repacked per call into padded rows: the VNNI path needs it unsigned (a + 128, undone with
        // 128·colsum(B)); the AVX2 path keeps it signed. Padding bytes meet zero weights, so their value is irrelevant.
        var packedA = new byte[m * paddedK];
        byte flip = path == Int8GemmPath.Vnni ? (byte)0x80 : (byte)0;
        for (int row = 0; row < m; row++)
        {
            var source = MemoryMarshal.AsBytes(new ReadOnlySpan<sbyte>(a, row * lda, k));
            var target = new Span<byte>(packedA, row * paddedK, k);
            if (flip == 0)
            {
                source.CopyTo(target);
            }
            else
            {
                XorInto(source, target, flip);
            }
        }

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
                for (int row0 = 0; row0 < m; row0 += Rows)
                {
                    int rows = Math.Min(Rows, m - row0);
                    switch (path)
                    {
                        case Int8GemmPath.Vnni:
                            Kernel<VnniStep>(packedA, row0, rows, paddedK, b.Data, panel, tile);
                            break;
                        case Int8GemmPath.Avx2:
                            Kernel<Avx2Step>(packedA, row0, rows, paddedK, b.Data, panel, tile);
                            break;
                        default:
                            KernelScalar(packedA, row0, rows, paddedK, b.Data, panel, tile);
                            break;
                    }

                    int cols = Math.Min(Int8PackedWeights.PanelColumns, n - col0);
                    for (int r = 0; r < rows; r++)
                    {
                        int row = row0 + r;
                        int yBase = row * n;
                        for (int c = 0; c < cols; c++)
                        {
                            int acc = tile[(r * Int8PackedWeights.PanelColumns) + c];
                            if (flip != 0)
                            {
                                acc -= 128 * b.ColumnSums[col0 + c];
                            }

                            y[yBase + col0 + c] = epilogue.Apply(acc, row, col0 + c);
                        }
                    }
                }
            }
        });
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

    /// <summary>The 4 × 16 micro-kernel; rows past <paramref name="rows"/> re-read the last valid row and are not stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<TStep>(byte[] packedA, int row0, int rows, int paddedK, sbyte[] packedB, int panel, Span<int> tile)
        where TStep : struct, IDotStep
    {
        int quads = paddedK / 4;
        ref byte aRow0 = ref packedA[row0 * paddedK];
        ref byte aRow1 = ref Unsafe.Add(ref aRow0, Math.Min(1, rows - 1) * paddedK);
        ref byte aRow2 = ref Unsafe.Add(ref aRow0, Math.Min(2, rows - 1) * paddedK);
        ref byte aRow3 = ref Unsafe.Add(ref aRow0, Math.Min(3, rows - 1) * paddedK);
        ref sbyte block0 = ref packedB[2 * panel * quads * 32];
        ref sbyte block1 = ref Unsafe.Add(ref block0, quads * 32);
        Vector256<int> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<int> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int q = 0; q < quads; q++)
        {
            var b0 = Vector256.LoadUnsafe(ref block0, (nuint)(q * 32));
            var b1 = Vector256.LoadUnsafe(ref block1, (nuint)(q * 32));
            nuint offset = (nuint)(q * 4);
            var a0 = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref aRow0, offset))).AsByte();
            c00 = TStep.Step(c00, a0, b0);
            c01 = TStep.Step(c01, a0, b1);
            var a1 = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref aRow1, offset))).AsByte();
            c10 = TStep.Step(c10, a1, b0);
            c11 = TStep.Step(c11, a1, b1);
            var a2 = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref aRow2, offset))).AsByte();
            c20 = TStep.Step(c20, a2, b0);
            c21 = TStep.Step(c21, a2, b1);
            var a3 = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref aRow3, offset))).AsByte();
            c30 = TStep.Step(c30, a3, b0);
            c31 = TStep.Step(c31, a3, b1);
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

    /// <summary>Scalar twin of <see cref="Kernel{TStep}"/> on the same packed operands (A signed here).</summary>
    private static void KernelScalar(byte[] packedA, int row0, int rows, int paddedK, sbyte[] packedB, int panel, Span<int> tile)
    {
        int quads = paddedK / 4;
        tile.Clear();
        for (int r = 0; r < rows; r++)
        {
            int aBase = (row0 + r) * paddedK;
            for (int c = 0; c < Int8PackedWeights.PanelColumns; c++)
            {
                int bBase = (((2 * panel) + (c / 8)) * quads * 32) + ((c % 8) * 4);
                int sum = 0;
                for (int kk = 0; kk < paddedK; kk++)
                {
                    sum += (sbyte)packedA[aBase + kk] * packedB[bBase + ((kk / 4) * 32) + (kk % 4)];
                }

                tile[(r * Int8PackedWeights.PanelColumns) + c] = sum;
            }
        }
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
