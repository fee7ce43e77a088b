using QuantDsl.Kernels.Simd;

namespace QuantDsl.Tests.Kernels.Gemm;

/// <summary>The int8 weight-only GEMV against a double-precision scalar reference.</summary>
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

    [Fact]
    public void Mismatched_shapes_throw_with_the_shapes_named()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            WeightOnlyGemvCpu.MultiplyInt8(new float[8], 1, new sbyte[15], new float[2], new float[2], 2, 8));
        Assert.Contains("n=2", error.Message, StringComparison.Ordinal);
    }
}
