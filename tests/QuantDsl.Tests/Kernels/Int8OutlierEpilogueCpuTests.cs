using QuantDsl.Kernels.Epilogues;
using QuantDsl.Kernels.Formats;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// The CPU outlier term on gathered columns: the gathers pick exactly the outlier columns (fp32, and dequantized int8
/// for the bitsandbytes variant), the compact dot equals the in-place sum in ascending column order bit for bit, and a
/// target too small for the gather is rejected with the shapes named.
/// </summary>
public sealed class Int8OutlierEpilogueCpuTests
{
    [Theory]
    [InlineData(3, 10, new[] { 1, 4, 9 })]
    [InlineData(40, 1000, new[] { 0, 7, 8, 500, 999 })]
    [InlineData(2, 5, new int[0])]
    public void Compact_dot_of_gathered_columns_equals_the_in_place_sum(int rows, int cols, int[] outliers)
    {
        var random = new Random(rows + cols);
        var x = Enumerable.Range(0, rows * cols).Select(_ => (float)((random.NextDouble() * 20) - 10)).ToArray();
        var w = Enumerable.Range(0, 7 * cols).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var gatheredX = new float[rows * outliers.Length];
        var gatheredW = new float[7 * outliers.Length];

        Int8OutlierEpilogueCpu.GatherColumns(x, rows, cols, outliers, gatheredX);
        Int8OutlierEpilogueCpu.GatherColumns(w, 7, cols, outliers, gatheredW);

        for (int r = 0; r < rows; r++)
        {
            for (int o = 0; o < 7; o++)
            {
                float expected = 0f;
                foreach (int j in outliers)
                {
                    expected += x[(r * cols) + j] * w[(o * cols) + j];
                }

                float actual = Int8OutlierEpilogueCpu.CompactDot(gatheredX, r * outliers.Length, gatheredW, o * outliers.Length, outliers.Length);
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));
            }
        }
    }

    [Fact]
    public void Dequantized_gather_uses_each_rows_absmax()
    {
        // Two rows of stride 8 (K = 6 plus padding); columns 2 and 5.
        sbyte[] codes = [1, 2, 3, 4, 5, 6, 0, 0, -7, -8, -9, -10, -11, -127, 0, 0];
        float[] absMax = [2f, 0.5f];
        var target = new float[4];

        Int8OutlierEpilogueCpu.GatherDequantizedColumns(codes, 8, absMax, 2, [2, 5], target);

        Assert.Equal(
            new[] { Int8Format.Dequantize(3, 2f), Int8Format.Dequantize(6, 2f), Int8Format.Dequantize(-9, 0.5f), Int8Format.Dequantize(-127, 0.5f) },
            target);
        Assert.Equal(-0.5f, target[3]);
    }

    [Fact]
    public void A_target_too_small_for_the_gather_is_rejected_with_the_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Int8OutlierEpilogueCpu.GatherColumns(new float[12], 3, 4, [0, 3], new float[5]));
        Assert.Contains("[3 × 4]", error.Message, StringComparison.Ordinal);
        Assert.Contains("target of 6", error.Message, StringComparison.Ordinal);
    }
}
