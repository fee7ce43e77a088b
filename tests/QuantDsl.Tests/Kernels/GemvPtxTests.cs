using System.Reflection;
using System.Text.RegularExpressions;
using QuantDsl.Kernels.Gemv;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// The decode GEMVs compile through ILGPU's PTX backend (no GPU needed), and their weight loads come out as 128-bit
/// vector loads: the bandwidth design rests on that, and ILGPU only vectorizes loads it can prove aligned.
/// </summary>
public sealed partial class GemvPtxTests
{
    public static TheoryData<string> Kernels() => new() { nameof(Int8Gemv), nameof(Fp4Gemv) };

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Kernel_compiles_to_ptx_with_128_bit_weight_loads(string kernel)
    {
        string ptx = Compile(kernel);

        Assert.Contains(".entry", ptx, StringComparison.Ordinal);
        Assert.Matches(GlobalVectorLoad(), ptx);
        Assert.Contains("bar.sync", ptx, StringComparison.Ordinal);
        Assert.Contains("shfl.sync.bfly", ptx, StringComparison.Ordinal);
    }

    [Fact]
    public void Int8_decode_places_each_byte_with_one_prmt()
    {
        string ptx = Compile(nameof(Int8Gemv));

        // 16 bytes per vector, two channels, the single-pair and the second-pair bodies: at least 64 byte permutes.
        Assert.True(Regex.Matches(ptx, @"prmt\.b32").Count >= 64, "the int8 GEMV should decode each weight byte with one prmt");
    }

    private static string Compile(string kernel)
    {
        var type = kernel == nameof(Int8Gemv) ? typeof(Int8Gemv) : typeof(Fp4Gemv);
        var method = type.GetMethod(nameof(Int8Gemv.Kernel), BindingFlags.Public | BindingFlags.Static)!;
        return PtxCompilation.Compile(method);
    }

    [GeneratedRegex(@"ld\.global(\.nc)?\.v4\.(u32|b32|s32)")]
    private static partial Regex GlobalVectorLoad();
}
