using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Simd;
using QuantDsl.Oracle;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// SIMD primitives against scalar references at every length from 0 to past two Vector512 widths, so
/// the 512-bit body, the 256-bit body and the scalar tail are each exercised.
/// </summary>
public sealed class SimdTests
{
    public static TheoryData<int> Lengths => new() { 0, 1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 255, 257, 1000 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Quantize_matches_scalar_codes_including_exact_midpoints(int length)
    {
        // Half of the values sit exactly on .5 after scaling, the rest are random.
        var random = new Random(length);
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = i % 2 == 0 ? random.Next(-127, 127) + 0.5f : (float)((random.NextDouble() * 260) - 130);
        }

        var codes = new sbyte[length];
        Int8Simd.Quantize(x, 1f, codes);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(Int8Format.Quantize(x[i], 1f), codes[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Quantize_with_absmax_scale_matches_the_oracle(int length)
    {
        var x = Inputs.Normal(length, seed: 100 + length, scale: 3f);
        var codes = new sbyte[length];
        Int8Simd.Quantize(x, Int8Format.QuantScale(Int8Simd.AbsMax(x)), codes);
        Assert.Equal(Int8Reference.QuantizeVector(x, out _), codes);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_matches_scalar_sum_with_extreme_codes(int length)
    {
        var random = new Random(length + 7);
        var a = new sbyte[length];
        var b = new sbyte[length];
        for (int i = 0; i < length; i++)
        {
            a[i] = i % 5 == 0 ? (sbyte)-128 : (sbyte)random.Next(-127, 128);
            b[i] = i % 3 == 0 ? (sbyte)127 : (sbyte)random.Next(-128, 128);
        }

        int expected = 0;
        for (int i = 0; i < length; i++)
        {
            expected += a[i] * b[i];
        }

        Assert.Equal(expected, Int8Simd.Dot(a, b));
    }

    [Fact]
    public void Dot_of_the_largest_exact_reduction_does_not_overflow()
    {
        var a = Enumerable.Repeat((sbyte)127, Int8Format.MaxExactReduction).ToArray();
        var b = Enumerable.Repeat((sbyte)-127, Int8Format.MaxExactReduction).ToArray();
        Assert.Equal(-16129L * Int8Format.MaxExactReduction, Int8Simd.Dot(a, b));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AbsMax_and_CountNonFinite_match_scalar_and_ignore_NaN_for_the_max(int length)
    {
        var x = Inputs.Normal(length, seed: length, scale: 2f);
        int planted = 0;
        for (int i = 3; i < length; i += 37)
        {
            x[i] = i % 2 == 0 ? float.NaN : float.NegativeInfinity;
            planted++;
        }

        float expectedMax = 0f;
        foreach (float v in x)
        {
            if (float.IsFinite(v))
            {
                expectedMax = Math.Max(expectedMax, Math.Abs(v));
            }
        }

        Assert.Equal(planted, Int8Simd.CountNonFinite(x));
        if (planted == 0)
        {
            Assert.Equal(expectedMax, Int8Simd.AbsMax(x));
        }
        else
        {
            Assert.True(float.IsPositiveInfinity(Int8Simd.AbsMax(x)) || Int8Simd.AbsMax(x) >= expectedMax);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Axpy_variants_match_scalar_fma(int length)
    {
        var x = Inputs.Normal(length, seed: 3 * length);
        var codes = x.Select((v, i) => (sbyte)((i * 37 % 255) - 127)).ToArray();
        var y = Inputs.Normal(length, seed: (3 * length) + 1);
        var y2 = (float[])y.Clone();
        var expected = y.Select((v, i) => MathF.FusedMultiplyAdd(0.75f, x[i], v)).ToArray();
        var expectedFromCodes = y.Select((v, i) => MathF.FusedMultiplyAdd(-1.25f, codes[i], v)).ToArray();

        Fp32Simd.Axpy(0.75f, x, y);
        Fp32Simd.AxpyInt8(-1.25f, codes, y2);

        Assert.Equal(expected, y);
        Assert.Equal(expectedFromCodes, y2);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected_with_both_lengths_named()
    {
        var error = Assert.Throws<ArgumentException>(() => Int8Simd.Dot(new sbyte[3], new sbyte[4]));
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
        Assert.Contains("4", error.Message, StringComparison.Ordinal);
    }
}
