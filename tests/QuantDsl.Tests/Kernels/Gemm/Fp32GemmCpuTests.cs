using QuantDsl.Kernels.Simd;

namespace QuantDsl.Tests.Kernels.Gemm;

/// <summary>
/// <see cref="Fp32GemmCpu.Multiply"/> (skinny and blocked paths) against a double-precision reference, all four transpose
/// combinations, accumulate on and off, offsets and leading dimensions larger than the rows, on shapes off every block size.
/// The bound is the float32 summation bound |ĉ − c| ≤ γ_t·Σ|terms| with γ_t = t·u/(1 − t·u), u = 2⁻²⁴, t the number of
/// terms (k products, plus C's old value when accumulating), which holds for any summation order and FMA use.
/// </summary>
public sealed class Fp32GemmCpuTests
{
    private const float Untouched = 12345f;

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 5, 7 }, { 3, 40, 70 }, { 4, 1, 1 }, { 5, 17, 3 }, { 6, 16, 256 }, { 7, 33, 257 }, { 13, 129, 300 }, { 33, 200, 513 },
        { 64, 260, 300 }, { 8, 16, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_transpose_and_accumulate_combination_is_within_the_float32_summation_bound(int m, int n, int k)
    {
        foreach (bool transposeA in new[] { false, true })
        {
            foreach (bool transposeB in new[] { false, true })
            {
                foreach (bool accumulate in new[] { false, true })
                {
                    Check(m, n, k, transposeA, transposeB, accumulate, seed: (m * 7919) + (n * 31) + k);
                }
            }
        }
    }

    [Fact]
    public void A_linear_layer_shape_matches_the_bound()
    {
        // Y = X·Wᵀ as FullPrecisionLinear and the benchmarks call it, large enough for every core and several K blocks.
        Check(m: 130, n: 300, k: 700, transposeA: false, transposeB: true, accumulate: false, seed: 1);
    }

    [Fact]
    public void Operands_that_do_not_fit_throw()
    {
        Assert.Throws<ArgumentException>(() =>
            Fp32GemmCpu.Multiply(new float[10], 0, 4, false, new float[16], 0, 4, false, new float[16], 0, 4, 4, 4, 4, accumulate: false));
    }

    private static void Check(int m, int n, int k, bool transposeA, bool transposeB, bool accumulate, int seed)
    {
        var random = new Random(seed);
        int aRows = transposeA ? k : m, aCols = transposeA ? m : k;
        int bRows = transposeB ? n : k, bCols = transposeB ? k : n;
        int lda = aCols + 3, ldb = bCols + 5, ldc = n + 2;
        int aOffset = 7, bOffset = 2, cOffset = 9;
        var a = Fill(random, aOffset + (aRows * lda));
        var b = Fill(random, bOffset + (bRows * ldb));
        var c = new float[cOffset + (m * ldc) + 4];
        Array.Fill(c, Untouched);
        var before = new float[m * n];
        for (int r = 0; r < m; r++)
        {
            for (int col = 0; col < n; col++)
            {
                float value = (float)((random.NextDouble() * 2) - 1);
                before[(r * n) + col] = value;
                c[cOffset + (r * ldc) + col] = value;
            }
        }

        Fp32GemmCpu.Multiply(a, aOffset, lda, transposeA, b, bOffset, ldb, transposeB, c, cOffset, ldc, m, n, k, accumulate);

        int terms = k + (accumulate ? 1 : 0);
        double u = Math.Pow(2, -24);
        double gamma = terms * u / (1 - (terms * u));
        for (int r = 0; r < m; r++)
        {
            for (int col = 0; col < n; col++)
            {
                double exact = accumulate ? before[(r * n) + col] : 0;
                double magnitude = Math.Abs(exact);
                for (int p = 0; p < k; p++)
                {
                    double av = transposeA ? a[aOffset + (p * lda) + r] : a[aOffset + (r * lda) + p];
                    double bv = transposeB ? b[bOffset + (col * ldb) + p] : b[bOffset + (p * ldb) + col];
                    exact += av * bv;
                    magnitude += Math.Abs(av * bv);
                }

                double actual = c[cOffset + (r * ldc) + col];
                Assert.True(
                    Math.Abs(actual - exact) <= gamma * magnitude,
                    $"C[{r}, {col}] = {actual}, exact {exact}, bound {gamma * magnitude} (m={m}, n={n}, k={k}, tA={transposeA}, tB={transposeB}, acc={accumulate})");
            }
        }

        // Nothing outside C's m × n window (offset, row padding, tail) is written.
        for (int i = 0; i < c.Length; i++)
        {
            int rel = i - cOffset;
            bool inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside)
            {
                Assert.Equal(Untouched, c[i]);
            }
        }
    }

    private static float[] Fill(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
