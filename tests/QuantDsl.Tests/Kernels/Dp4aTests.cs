using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Gemm;

namespace QuantDsl.Tests.Kernels;

/// <summary>The managed twin of dp4a (what CI and ILGPU's CPU accelerator run) against a byte-by-byte sum.</summary>
public sealed class Dp4aTests
{
    [Fact]
    public void Managed_twin_matches_a_plain_signed_byte_dot_product()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 20000; trial++)
        {
            int a = random.Next(int.MinValue, int.MaxValue);
            int b = random.Next(int.MinValue, int.MaxValue);
            int c = random.Next(-1_000_000, 1_000_000);
            int expected = c;
            for (int lane = 0; lane < 4; lane++)
            {
                expected += (sbyte)(a >> (8 * lane)) * (sbyte)(b >> (8 * lane));
            }

            Assert.Equal(expected, Dp4a.Accumulate(a, b, c));
        }
    }

    [Fact]
    public void Extreme_codes_accumulate_exactly()
    {
        int max = Int8Format.Pack(127, 127, 127, 127);
        int min = Int8Format.Pack(-127, -127, -127, -127);
        Assert.Equal(4 * 16129, Dp4a.Accumulate(max, max, 0));
        Assert.Equal(-4 * 16129, Dp4a.Accumulate(max, min, 0));
        Assert.Equal(4 * 16384, Dp4a.Accumulate(unchecked((int)0x80808080), unchecked((int)0x80808080), 0));
    }
}
