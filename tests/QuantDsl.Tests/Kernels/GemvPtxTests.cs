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
    public void Streaming_gemv_copies_weights_with_cp_async_and_decodes_without_asm_outputs()
    {
        string ptx = PtxCompilation.Compile(typeof(Int8StreamingGemv).GetMethod(nameof(Int8StreamingGemv.Kernel), BindingFlags.Public | BindingFlags.Static)!);

        Assert.Contains("cp.async.cg.shared.global", ptx, StringComparison.Ordinal);
        Assert.Contains("cp.async.commit_group", ptx, StringComparison.Ordinal);
        Assert.Contains("cp.async.wait_group 3", ptx, StringComparison.Ordinal);
        Assert.Matches(@"ld\.shared\.v4\.(u32|b32|s32)", ptx);
        Assert.Matches(@"ld\.global(\.nc)?\.v4\.f32", ptx);
        Assert.DoesNotContain("bar.sync", ptx, StringComparison.Ordinal);
        Assert.DoesNotContain("cvt.rn.f32.s32", ptx, StringComparison.Ordinal);

        // No inline-asm outputs in the loop (ILGPU passes them through local memory, which cost 4.7× in this kernel): the
        // one local round trip left is the ring's shared address, read once per thread.
        Assert.DoesNotContain("prmt.b32", ptx, StringComparison.Ordinal);
        Assert.True(Regex.Matches(ptx, @"ld\.local").Count <= 1, "the streaming GEMV should not read asm outputs through local memory in its loop");
    }

    [Fact]
    public void Int8_decode_places_each_byte_with_one_prmt()
    {
        string ptx = Compile(nameof(Int8Gemv));

        // 16 bytes per vector, two channels, the single-pair and the second-pair bodies: at least 64 byte permutes.
        Assert.True(Regex.Matches(ptx, @"prmt\.b32").Count >= 64, "the int8 GEMV should decode each weight byte with one prmt");
    }

    [Theory]
    [InlineData(typeof(Int8SkinnyWeights), 16)]
    [InlineData(typeof(Fp4SkinnyWeights), 32)]
    public void Skinny_gemm_runs_tf32_mma_on_128_bit_weight_loads(Type format, int codesPerVector)
    {
        var method = typeof(SkinnyMmaGemm<>).MakeGenericType(format).GetMethod(nameof(SkinnyMmaGemm<Int8SkinnyWeights>.Kernel), BindingFlags.Public | BindingFlags.Static)!;
        string ptx = PtxCompilation.Compile(method);

        // Per K block: codes/2 steps × 4 channel tiles × (high, low) × up to 2 token tiles, with the loop body emitted
        // once (the token-tile count is specialized at launch, so both branches are in the generic PTX).
        int mmas = Regex.Matches(ptx, @"mma\.sync\.aligned\.m16n8k8\.row\.col\.f32\.tf32\.tf32\.f32").Count;
        Assert.True(mmas >= codesPerVector / 2 * 4 * 2 * 2, $"{mmas} TF32 mma instructions");
        Assert.Matches(GlobalVectorLoad(), ptx);
        Assert.DoesNotContain("cvt.rn.f32.s32", ptx, StringComparison.Ordinal);
    }

    [Fact]
    public void Skinny_split_rounds_with_cvt_rna_tf32()
    {
        var method = typeof(SkinnyActivations).GetMethod(nameof(SkinnyActivations.Kernel), BindingFlags.Public | BindingFlags.Static)!;
        Assert.Contains("cvt.rna.tf32.f32", PtxCompilation.Compile(method), StringComparison.Ordinal);
    }

    /// <summary>
    /// Both 2–16-token tensor-core kernels (<see cref="Int8MmaSkinny.Kernel{TEpilogue}"/> and its software-pipelined twin)
    /// compile to int8 <c>mma.sync.m16n8k32</c> on 128-bit loads, and their only local memory is the 4-byte slot ILGPU gives
    /// each operand of an inline-asm instruction (14 per mma, scalars ptxas keeps in registers): the pipelined one holds two
    /// steps of fragments in a struct, which must not become a local array (every weight byte would go through it).
    /// </summary>
    [Theory]
    [InlineData(nameof(Int8MmaSkinny.Kernel))]
    [InlineData(nameof(Int8MmaSkinny.PipelinedKernel))]
    public void Skinny_mma_kernels_keep_their_fragments_in_registers(string kernel)
    {
        var method = typeof(Int8MmaSkinny).GetMethod(kernel, BindingFlags.Public | BindingFlags.Static)!
            .MakeGenericMethod(typeof(QuantDsl.Kernels.Gemm.Int32StoreEpilogue));
        string ptx = PtxCompilation.Compile(method);

        // Four vectors per row and step, two k32 mmas per vector, two token tiles.
        int mmas = Regex.Matches(ptx, @"mma\.sync\.aligned\.m16n8k32\.row\.col\.s32\.s8\.s8\.s32").Count;
        Assert.True(mmas >= 2 * Int8MmaSkinny.VectorsPerStep * 2, $"{mmas} int8 mma instructions");
        Assert.Matches(GlobalVectorLoad(), ptx);
        var depots = Regex.Matches(ptx, @"\.local \.align \d+ \.b8 __local_depot\d+\[(\d+)\]");
        Assert.All(depots, depot => Assert.Equal("4", depot.Groups[1].Value));
        Assert.Equal(14 * mmas, depots.Count);
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
