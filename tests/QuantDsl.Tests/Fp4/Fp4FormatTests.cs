using QuantDsl.Kernels.Formats;
using QuantDsl.Oracle;

namespace QuantDsl.Tests.Fp4;

/// <summary>The E2M1 ladder, the DGE derivative and the E5M2/bf16 roundings against the spec's vectors and the oracle.</summary>
public sealed class Fp4FormatTests
{
    [Theory]
    [InlineData(-7f, -6f)]
    [InlineData(-5f, -4f)]
    [InlineData(-5.01f, -6f)]
    [InlineData(-3.5f, -3f)]
    [InlineData(-2.5f, -2f)]
    [InlineData(-1.75f, -1.5f)]
    [InlineData(-1.25f, -1f)]
    [InlineData(-0.75f, -0.5f)]
    [InlineData(-0.25f, 0f)]
    [InlineData(0f, 0f)]
    [InlineData(0.25f, 0.5f)]
    [InlineData(0.74f, 0.5f)]
    [InlineData(0.75f, 1f)]
    [InlineData(1.25f, 1.5f)]
    [InlineData(1.75f, 2f)]
    [InlineData(2.5f, 3f)]
    [InlineData(3.5f, 4f)]
    [InlineData(4.99f, 4f)]
    [InlineData(5f, 6f)]
    [InlineData(100f, 6f)]
    public void Ladder_rounds_midpoints_toward_positive_infinity_and_saturates(float input, float expected)
    {
        Assert.Equal(expected, E2M1.Round(input));
        Assert.Equal(expected, Fp4Reference.Ladder(input));
    }

    [Fact]
    public void Ladder_agrees_with_the_oracle_on_a_dense_sweep()
    {
        for (int i = -16000; i <= 16000; i++)
        {
            float v = i / 2000f;
            Assert.Equal(Fp4Reference.Ladder(v), E2M1.Round(v));
        }
    }

    [Fact]
    public void Nibbles_round_trip_every_grid_value_and_products_of_doubled_codes_are_exact()
    {
        for (int nibble = 0; nibble < 16; nibble++)
        {
            int code = E2M1.FromNibble(nibble);
            Assert.InRange(code, -12, 12);
            Assert.Equal(code * 0.5f, E2M1.Round(code * 0.5f));
            if (nibble != 8)
            {
                Assert.Equal(nibble, E2M1.ToNibble(code));
            }
        }

        // 2a·2b·0.25 = a·b for every pair of grid values, with |2a·2b| ≤ 144 (int8 inputs, int32 sums).
        for (int a = 0; a < 16; a++)
        {
            for (int b = 0; b < 16; b++)
            {
                int product = E2M1.FromNibble(a) * E2M1.FromNibble(b);
                Assert.Equal(E2M1.FromNibble(a) * 0.5 * (E2M1.FromNibble(b) * 0.5), product * 0.25);
                Assert.InRange(product, -144, 144);
            }
        }
    }

    [Fact]
    public void Dge_matches_the_msamp_test_vector()
    {
        // ALGORITHMS.md §1.3: x = linspace(−6, 6, 20) rounded to bf16 first, k = 5, clip 3, result rounded to bf16.
        double[] expected =
        [
            0.2002, 0.4375, 0.6055, 0.2168, 1.8359, 0.2695, 0.3027, 0.2695, 0.2402, 0.5781,
            0.5781, 0.2402, 0.2695, 0.3027, 0.2695, 1.8359, 0.2168, 0.6055, 0.4375, 0.2002,
        ];
        for (int i = 0; i < 20; i++)
        {
            float x = Bf16.Round((float)(-6.0 + (12.0 * i / 19.0)));
            float kernel = Bf16.Round(Dge.Derivative(x, 5f, 3f));
            float oracle = Bf16.Round((float)Fp4Reference.DgeDerivative(x, 5, 3));
            Assert.True(Math.Abs(kernel - expected[i]) <= 0.004 * expected[i], $"x[{i}] = {x}: kernel {kernel}, spec {expected[i]}");
            Assert.True(Math.Abs(oracle - expected[i]) <= 0.004 * expected[i], $"x[{i}] = {x}: oracle {oracle}, spec {expected[i]}");
        }
    }

    [Fact]
    public void Dge_is_clipped_at_interval_midpoints_and_agrees_with_the_oracle()
    {
        Assert.Equal(3f, Dge.Derivative(0.25f, 5f, 3f));
        Assert.Equal(3f, Dge.Derivative(-5f, 5f, 3f));
        for (int i = -600; i <= 600; i++)
        {
            float x = i / 100f;
            double oracle = Fp4Reference.DgeDerivative(x, 5, 3);
            Assert.True(Math.Abs(Dge.Derivative(x, 5f, 3f) - oracle) <= 1e-5 * oracle, $"x = {x}");
        }
    }

    [Fact]
    public void E5M2_and_bf16_rounding_agree_with_the_oracle()
    {
        Assert.Equal(57344f, Fp8E5M2.Round(60000f));
        Assert.Equal(1f, Fp8E5M2.Round(1.125f));      // tie between 1.00b and 1.01b: the even mantissa
        Assert.Equal(1.5f, Fp8E5M2.Round(1.375f));    // tie between 1.01b and 1.10b
        Assert.Equal(1f / 65536, Fp8E5M2.Round(1.4f / 65536));   // subnormal step 2⁻¹⁶
        var random = new Random(5);
        for (int i = 0; i < 20000; i++)
        {
            float v = (float)((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-20, 17)));
            Assert.Equal(Fp4Reference.E5M2(v), Fp8E5M2.Round(v));
            Assert.Equal(Fp4Reference.Bf16(v), Bf16.Round(v));
        }
    }
}
