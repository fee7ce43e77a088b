using QuantDsl.Kernels.Simd;
using QuantDsl.Oracle;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// CPU outlier detection and per-row quantization against the oracle, code for code, on both paths: small inputs run on
/// the calling thread, inputs of 32768 elements or more (130 × 257 here) split rows over cores.
/// </summary>
public sealed class Int8RowsCpuTests
{
    [Theory]
    [InlineData(1, 33, 2)]
    [InlineData(17, 100, 3)]
    [InlineData(64, 257, 6)]
    [InlineData(130, 257, 5)]
    public void Outlier_columns_and_codes_equal_the_oracle(int tokens, int cols, int planted)
    {
        var inputs = Inputs.WithOutlierColumns(tokens, cols, 4, planted, scale: 20f, seed: cols);
        var expected = Int8Reference.Forward(inputs.X, inputs.W, inputs.Bias, tokens, cols, 4, threshold: 6f, outlierWeightsFromInt8: false);
        int stride = 64 * ((cols + 63) / 64);
        var codes = new sbyte[tokens * stride];
        var absMax = new float[tokens];

        int[] outliers = Int8RowsCpu.FindOutlierColumns(inputs.X, tokens, cols, 6f);
        int nonFinite = Int8RowsCpu.QuantizeRows(inputs.X, tokens, cols, outliers, codes, stride, absMax);

        Assert.Equal(expected.OutlierColumns, outliers);
        Assert.Equal(0, nonFinite);
        Assert.Equal(expected.XAbsMax, absMax);
        for (int t = 0; t < tokens; t++)
        {
            Assert.Equal(expected.XCodes.AsSpan(t * cols, cols).ToArray(), codes.AsSpan(t * stride, cols).ToArray());
            Assert.All(codes.AsSpan((t * stride) + cols, stride - cols).ToArray(), c => Assert.Equal(0, c));
        }
    }

    [Fact]
    public void Threshold_is_inclusive_and_infinity_counts_as_outlier_but_NaN_does_not()
    {
        float[] x = [6f, 5.99f, float.NaN, float.PositiveInfinity, -6f, 0f];
        Assert.Equal([0, 3, 4], Int8RowsCpu.FindOutlierColumns(x, 1, x.Length, 6f));
    }

    [Fact]
    public void QuantizeRows_counts_non_finite_values_over_all_columns()
    {
        float[] x = [1f, float.NaN, 3f, float.PositiveInfinity, 5f, 6f];
        var codes = new sbyte[2 * 64];
        var absMax = new float[2];
        Assert.Equal(2, Int8RowsCpu.QuantizeRows(x, 2, 3, [], codes, 64, absMax));
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(200, 200)]
    public void QuantizeRows_counts_non_finite_values_on_both_paths(int rows, int cols)
    {
        var x = Inputs.Normal(rows * cols, seed: rows);
        x[1] = float.NaN;
        x[^1] = float.NegativeInfinity;
        x[x.Length / 2] = float.PositiveInfinity;
        int stride = 64 * ((cols + 63) / 64);
        Assert.Equal(3, Int8RowsCpu.QuantizeRows(x, rows, cols, [], new sbyte[rows * stride], stride, new float[rows]));
    }
}
