using System.Runtime.Intrinsics.X86;
using QuantDsl.Kernels.Simd;
using QuantDsl.Oracle;

namespace QuantDsl.Tests.Kernels.Gemm;

/// <summary>
/// Every path of the packed int8 GEMM (VNNI, AVX2, scalar) against the oracle's exact int32 sums, on odd shapes
/// (M, N, K off every block size) and on saturation-prone extremes (all ±127).
/// </summary>
public sealed class Int8PackedGemmTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 1, 17, 33 }, { 3, 16, 4 }, { 4, 16, 64 }, { 5, 17, 65 }, { 7, 1, 130 }, { 9, 33, 31 }, { 16, 40, 256 }, { 1, 48, 1000 },
        { 1, 15, 4097 }, { 3, 31, 45 }, { 7, 47, 100 }, { 8, 16, 33 }, { 33, 50, 97 }, { 2, 130, 7 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Random_codes_match_the_oracle_on_every_path(int m, int n, int k)
    {
        var random = new Random((m * 1000) + (n * 10) + k);
        var a = RandomCodes(random, m * k);
        var b = RandomCodes(random, n * k);
        CheckAllPaths(a, b, m, n, k);
    }

    [Theory]
    [InlineData(1, 17, 1000, 127, 127)]
    [InlineData(6, 20, 999, -127, 127)]
    [InlineData(5, 18, 257, -127, -127)]
    [InlineData(2, 3, 64, 127, -127)]
    public void Extreme_codes_do_not_saturate(int m, int n, int k, int aCode, int bCode)
    {
        // ±127 everywhere: the largest products, where a saturating vpmaddubsw pair sum would clip.
        var a = Enumerable.Repeat((sbyte)aCode, m * k).ToArray();
        var b = Enumerable.Repeat((sbyte)bCode, n * k).ToArray();
        var expected = Int8GemmReference.Multiply(a, b, m, n, k);
        Assert.All(expected, sum => Assert.Equal(aCode * bCode * k, sum));
        CheckAllPaths(a, b, m, n, k);
    }

    [Fact]
    public void Alternating_extremes_match_the_oracle()
    {
        const int m = 5, n = 19, k = 131;
        var a = new sbyte[m * k];
        var b = new sbyte[n * k];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (sbyte)((i % 3 == 0) ? -127 : 127);
        }

        for (int i = 0; i < b.Length; i++)
        {
            b[i] = (sbyte)((i % 2 == 0) ? -127 : 127);
        }

        CheckAllPaths(a, b, m, n, k);
    }

    [Fact]
    public void Unpacked_entry_point_uses_the_packed_kernel_for_many_rows_and_matches_the_oracle()
    {
        const int m = 37, n = 45, k = 77;
        var random = new Random(5);
        var a = RandomCodes(random, m * k);
        var b = RandomCodes(random, n * k);
        var sums = new int[m * n];
        var y = new float[m * n];
        Int8GemmCpu.Run(a, k, b, k, y, m, n, k, new RecordingEpilogue(sums, n));
        Assert.Equal(Int8GemmReference.Multiply(a, b, m, n, k), sums);
    }

    [Fact]
    public void Leading_dimensions_larger_than_k_are_honoured()
    {
        const int m = 6, n = 18, k = 21, lda = 30, ldb = 25;
        var random = new Random(11);
        var aStrided = RandomCodes(random, m * lda);
        var bStrided = RandomCodes(random, n * ldb);
        var a = new sbyte[m * k];
        var b = new sbyte[n * k];
        for (int r = 0; r < m; r++)
        {
            Array.Copy(aStrided, r * lda, a, r * k, k);
        }

        for (int c = 0; c < n; c++)
        {
            Array.Copy(bStrided, c * ldb, b, c * k, k);
        }

        var sums = new int[m * n];
        Int8GemmCpu.Run(aStrided, lda, Int8PackedWeights.Pack(bStrided, ldb, n, k), new float[m * n], m, new RecordingEpilogue(sums, n));
        Assert.Equal(Int8GemmReference.Multiply(a, b, m, n, k), sums);
    }

    [Theory]
    [InlineData(1, 33, 45)]
    [InlineData(7, 18, 100)]
    [InlineData(33, 17, 61)]
    public void Padded_rows_read_in_place_ignore_whatever_the_padding_holds(int m, int n, int k)
    {
        // The generated layers pad rows to 64 codes; the kernel reads them in place, padding included, on every path.
        int lda = (k + 63) / 64 * 64;
        var random = new Random(m + n + k);
        var padded = RandomCodes(random, m * lda);
        var a = new sbyte[m * k];
        for (int r = 0; r < m; r++)
        {
            Array.Copy(padded, r * lda, a, r * k, k);
        }

        var b = RandomCodes(random, n * k);
        var expected = Int8GemmReference.Multiply(a, b, m, n, k);
        var packed = Int8PackedWeights.Pack(b, k, n, k);
        foreach (var path in Paths())
        {
            var sums = new int[m * n];
            RunForced(path, () => Int8GemmCpu.Run(padded, lda, packed, new float[m * n], m, new RecordingEpilogue(sums, n)));
            Assert.True(expected.AsSpan().SequenceEqual(sums), $"path {path} differs from the oracle at m={m}, n={n}, k={k}, lda={lda}");
        }
    }

    [Fact]
    public void Repacking_into_previous_storage_gives_the_new_weights()
    {
        const int m = 5, n = 21, k = 70;
        var random = new Random(3);
        var a = RandomCodes(random, m * k);
        var first = Int8PackedWeights.Pack(RandomCodes(random, n * k), k, n, k);
        var b = RandomCodes(random, n * k);
        var repacked = Int8PackedWeights.Pack(b, k, n, k, first);
        Assert.Same(first, repacked);
        var sums = new int[m * n];
        Int8GemmCpu.Run(a, k, repacked, new float[m * n], m, new RecordingEpilogue(sums, n));
        Assert.Equal(Int8GemmReference.Multiply(a, b, m, n, k), sums);
        Assert.NotSame(first, Int8PackedWeights.Pack(b, k, n, k - 1, first));
    }

    [Fact]
    public void Mismatched_shapes_throw_with_the_shapes_named()
    {
        var packed = Int8PackedWeights.Pack(new sbyte[4 * 8], 8, 4, 8);
        var error = Assert.Throws<ArgumentException>(() =>
            Int8GemmCpu.Run(new sbyte[10], 8, packed, new float[8], 2, new RecordingEpilogue(new int[8], 4)));
        Assert.Contains("k=8", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Int8PackedWeights.Pack(new sbyte[10], 8, 4, 8));
    }

    private static void CheckAllPaths(sbyte[] a, sbyte[] b, int m, int n, int k)
    {
        var expected = Int8GemmReference.Multiply(a, b, m, n, k);
        var packed = Int8PackedWeights.Pack(b, k, n, k);
        foreach (var path in Paths())
        {
            var sums = new int[m * n];
            var y = new float[m * n];
            RunForced(path, () => Int8GemmCpu.Run(a, k, packed, y, m, new RecordingEpilogue(sums, n)));
            Assert.True(expected.AsSpan().SequenceEqual(sums), $"path {path} differs from the oracle at m={m}, n={n}, k={k}");
            Assert.All(y, value => Assert.Equal(1f, value));
        }
    }

    private static List<Int8GemmPath> Paths()
    {
        var paths = new List<Int8GemmPath> { Int8GemmPath.Scalar, Int8GemmPath.Auto };
        if (Avx2.IsSupported)
        {
            paths.Add(Int8GemmPath.Avx2);
        }

        if (AvxVnni.IsSupported)
        {
            paths.Add(Int8GemmPath.Vnni);
        }

        return paths;
    }

    private static void RunForced(Int8GemmPath path, Action run)
    {
        Int8PackedGemmCpu.ForcedPath = path;
        try
        {
            run();
        }
        finally
        {
            Int8PackedGemmCpu.ForcedPath = Int8GemmPath.Auto;
        }
    }

    private static sbyte[] RandomCodes(Random random, int count)
    {
        var codes = new sbyte[count];
        for (int i = 0; i < count; i++)
        {
            codes[i] = (sbyte)random.Next(-127, 128);
        }

        return codes;
    }
}
