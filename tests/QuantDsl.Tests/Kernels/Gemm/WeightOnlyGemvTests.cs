using QuantDsl.Kernels.Simd;

namespace QuantDsl.Tests.Kernels.Gemm;

/// <summary>The int8 and FP4 weight-only GEMVs against double-precision scalar references.</summary>
public sealed class WeightOnlyGemvTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 17, 33)]
    [InlineData(3, 65, 15)]
    [InlineData(16, 130, 257)]
    [InlineData(1, 64, 1000)]
    public void Int8_matches_a_double_reference(int m, int n, int k)
    {
        var random = new Random((m * 7) + n + k);
        var x = Enumerable.Range(0, m * k).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var w = Enumerable.Range(0, n * k).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var scales = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 0.02)).ToArray();
        var y = new float[m * n];
        WeightOnlyGemvCpu.MultiplyInt8(x, m, w, scales, y, n, k);
        for (int row = 0; row < m; row++)
        {
            for (int col = 0; col < n; col++)
            {
                double exact = 0, magnitude = 0;
                for (int kk = 0; kk < k; kk++)
                {
                    double term = (double)x[(row * k) + kk] * w[(col * k) + kk];
                    exact += term;
                    magnitude += Math.Abs(term);
                }

                // Each fp32 product of a float and a small integer is exact; the k − 1 additions each round by at
                // most 2⁻²⁴ relative to the running magnitude, bounded by Σ|terms|; the scale multiply adds one more rounding.
                double bound = ((k + 1) * Math.Pow(2, -24) * magnitude * scales[col]) + 1e-30;
                Assert.True(
                    Math.Abs(y[(row * n) + col] - (exact * scales[col])) <= bound,
                    $"y[{row}, {col}] = {y[(row * n) + col]}, expected {exact * scales[col]} ± {bound}");
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 17, 33)]
    [InlineData(3, 5, 7)]
    [InlineData(7, 66, 100)]
    [InlineData(16, 130, 257)]
    [InlineData(1, 64, 1000)]
    public void Fp4_matches_a_double_reference(int m, int n, int k)
    {
        var random = new Random((m * 13) + n + k);
        var x = Enumerable.Range(0, m * k).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var nibbles = Enumerable.Range(0, n * k).Select(_ => (byte)random.Next(0, 16)).ToArray();
        var weights = QuantDsl.Kernels.Gemv.Fp4WeightPacking.Pack(nibbles, n, k);
        var scales = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 0.02)).ToArray();
        var y = new float[m * n];
        WeightOnlyGemvCpu.MultiplyFp4(x, m, weights, scales, y, n, k);
        double u = Math.Pow(2, -24);
        double gamma = (k + 1) * u / (1 - ((k + 1) * u));
        for (int row = 0; row < m; row++)
        {
            for (int col = 0; col < n; col++)
            {
                double exact = 0, magnitude = 0;
                for (int kk = 0; kk < k; kk++)
                {
                    // The spec's E2M1 ladder, written out: 1xxx negative, magnitudes 0, 0.5, 1, 1.5, 2, 3, 4, 6.
                    int nibble = nibbles[(col * k) + kk];
                    double value = new[] { 0, 0.5, 1, 1.5, 2, 3, 4, 6 }[nibble & 7] * ((nibble & 8) != 0 ? -1 : 1);
                    double term = x[(row * k) + kk] * value;
                    exact += term;
                    magnitude += Math.Abs(term);
                }

                // Products x·w round once (x·1.5 and x·3 need one more bit), then up to k − 1 additions: γ(k+1)·Σ|terms|;
                // the scale multiply rounds once more.
                double bound = scales[col] * ((gamma * magnitude * (1 + u)) + (u * Math.Abs(exact)));
                double actual = y[(row * n) + col];
                Assert.True(
                    Math.Abs(actual - (exact * scales[col])) <= bound,
                    $"y[{row}, {col}] = {actual}, expected {exact * scales[col]} ± {bound} (m={m}, n={n}, k={k})");
            }
        }
    }

    [Fact]
    public void Fp4_with_mismatched_shapes_throws_with_the_shapes_named()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            WeightOnlyGemvCpu.MultiplyFp4(new float[16], 1, new int[1], new float[2], new float[2], 2, 16));
        Assert.Contains("n=2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_shapes_throw_with_the_shapes_named()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            WeightOnlyGemvCpu.MultiplyInt8(new float[8], 1, new sbyte[15], new float[2], new float[2], 2, 8));
        Assert.Contains("n=2", error.Message, StringComparison.Ordinal);
    }
}
