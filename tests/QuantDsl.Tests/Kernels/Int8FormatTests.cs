using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Simd;
using QuantDsl.Oracle;

namespace QuantDsl.Tests.Kernels;

/// <summary>The int8 format pieces every backend quantizes through, against the spec and the oracle.</summary>
public sealed class Int8FormatTests
{
    private static readonly float[] SpecVector = [1.2f, -0.5f, -4.3f, 1.2f, -3.1f, 0.8f, 2.4f, 5.4f];
    private static readonly sbyte[] SpecCodes = [28, -12, -101, 28, -73, 19, 56, 127];

    [Fact]
    public void Oracle_reproduces_the_spec_test_vector()
    {
        Assert.Equal(SpecCodes, Int8Reference.QuantizeVector(SpecVector, out float absMax));
        Assert.Equal(5.4f, absMax);
    }

    [Fact]
    public void Scalar_quantize_reproduces_the_spec_test_vector()
    {
        float scale = Int8Format.QuantScale(5.4f);
        Assert.Equal(SpecCodes, SpecVector.Select(v => (sbyte)Int8Format.Quantize(v, scale)).ToArray());
    }

    [Fact]
    public void Simd_quantize_reproduces_the_spec_test_vector()
    {
        var codes = new sbyte[SpecVector.Length];
        Int8Simd.Quantize(SpecVector, Int8Format.QuantScale(Int8Simd.AbsMax(SpecVector)), codes);
        Assert.Equal(SpecCodes, codes);
    }

    [Theory]
    [InlineData(0.5f, 0)]
    [InlineData(1.5f, 2)]
    [InlineData(2.5f, 2)]
    [InlineData(3.5f, 4)]
    [InlineData(-0.5f, 0)]
    [InlineData(-1.5f, -2)]
    [InlineData(-2.5f, -2)]
    [InlineData(126.5f, 126)]
    [InlineData(-126.5f, -126)]
    [InlineData(0.49999997f, 0)]
    [InlineData(1.0000001f, 1)]
    [InlineData(-7.6f, -8)]
    [InlineData(0f, 0)]
    public void RoundHalfToEven_matches_Math_Round_ToEven(float value, int expected)
    {
        Assert.Equal(expected, Int8Format.RoundHalfToEven(value));
        Assert.Equal(expected, (int)Math.Round(value, MidpointRounding.ToEven));
    }

    [Fact]
    public void RoundHalfToEven_agrees_with_Math_Round_on_a_dense_sweep()
    {
        for (int k = -40000; k <= 40000; k++)
        {
            float value = k * 0.0125f; // hits many exact midpoints
            Assert.Equal((int)Math.Round(value, MidpointRounding.ToEven), Int8Format.RoundHalfToEven(value));
        }
    }

    /// <summary>
    /// The bias-rounding <see cref="Int8Format.Quantize"/> gives exactly the codes of the truncation-and-fraction
    /// definition, <c>Clamp(RoundHalfToEven(x·scale), ±127)</c>: every midpoint and its float neighbours up to ±300,
    /// products past the range, ±∞, NaN, and random values at random scales.
    /// </summary>
    [Fact]
    public void Quantize_gives_the_codes_of_the_round_half_to_even_definition()
    {
        static int Definition(float x, float scale) => Math.Clamp(Int8Format.RoundHalfToEven(x * scale), -Int8Format.QMax, Int8Format.QMax);

        for (int k = -600; k <= 600; k++)
        {
            float half = k * 0.5f;
            foreach (float value in new[] { half, MathF.BitDecrement(half), MathF.BitIncrement(half), half + 0.25f })
            {
                Assert.Equal(Definition(value, 1f), Int8Format.Quantize(value, 1f));
            }
        }

        foreach (float value in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e30f, -1e30f, 4194304.5f, 128.0001f, -127.50001f })
        {
            Assert.Equal(Definition(value, 1f), Int8Format.Quantize(value, 1f));
        }

        var random = new Random(31);
        for (int i = 0; i < 200_000; i++)
        {
            float absMax = (float)Math.Exp((random.NextDouble() * 20) - 10);
            float x = (float)((random.NextDouble() * 2) - 1) * absMax * 1.01f;
            float scale = Int8Format.QuantScale(absMax);
            Assert.Equal(Definition(x, scale), Int8Format.Quantize(x, scale));
        }
    }

    [Theory]
    [InlineData(float.NaN, 0)]
    [InlineData(1e12f, 127)]
    [InlineData(-1e12f, -127)]
    [InlineData(127.49f, 127)]
    [InlineData(-128f, -127)]
    public void Quantize_saturates_to_the_symmetric_range_and_never_yields_minus_128(float scaled, int expected)
    {
        Assert.Equal(expected, Int8Format.Quantize(scaled, 1f));
    }

    [Fact]
    public void Zero_absmax_gives_zero_scale_and_zero_codes()
    {
        Assert.Equal(0f, Int8Format.QuantScale(0f));
        Assert.Equal(0, Int8Format.Quantize(3.7f, Int8Format.QuantScale(0f)));
        Assert.All(Int8Reference.QuantizeVector(new float[5], out _), c => Assert.Equal(0, c));
    }

    [Fact]
    public void Pack_and_unpack_round_trip_every_code_in_every_lane()
    {
        for (int code = -128; code <= 127; code++)
        {
            int other = 127 - ((code + 128) % 255);
            int word = Int8Format.Pack(code, other, code, other);
            Assert.Equal(code, Int8Format.Unpack(word, 0));
            Assert.Equal(other, Int8Format.Unpack(word, 1));
            Assert.Equal(code, Int8Format.Unpack(word, 2));
            Assert.Equal(other, Int8Format.Unpack(word, 3));
        }
    }

    [Theory]
    [InlineData(float.NaN, true)]
    [InlineData(float.PositiveInfinity, true)]
    [InlineData(float.NegativeInfinity, true)]
    [InlineData(float.MaxValue, false)]
    [InlineData(-0f, false)]
    [InlineData(1e-45f, false)]
    public void IsNonFinite_flags_exactly_NaN_and_infinities(float value, bool expected) =>
        Assert.Equal(expected, Int8Format.IsNonFinite(value));

    [Fact]
    public void DequantizeProduct_is_acc_times_both_absmax_over_16129()
    {
        float value = Int8Format.DequantizeProduct(16129 * 3, 2f, 5f);
        Assert.Equal(30f, value, 4e-6f);
    }
}
