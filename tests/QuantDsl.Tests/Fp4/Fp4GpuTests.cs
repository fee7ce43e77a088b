using QuantDsl.Tests.Backends;

namespace QuantDsl.Tests.Fp4;

/// <summary>
/// The generated [Fp4Train] GPU kernels (exact OCC quantiles by radix select, the SIMT int8 core with the FP4
/// epilogue, the fp32 GEMMs of compensation and backward, E5M2/bf16 rounding, DGE) on ILGPU's CPU accelerator against
/// the FP4 oracle, for the three attribute variants and shapes that are not multiples of the tiles.
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class Fp4GpuTests(DeviceFixture devices)
{
    public static TheoryData<string, int, int, int> Cases => new()
    {
        { "default", 9, 70, 24 },
        { "default", 1, 33, 7 },
        { "direct", 5, 72, 17 },
        { "variant", 3, 130, 9 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_and_backward_match_the_oracle_on_the_ilgpu_cpu_accelerator(string variant, int tokens, int inFeatures, int outFeatures) =>
        Fp4LayerTests.CheckAgainstOracle(devices.Get(Backend.IlgpuCpu), variant, tokens, inFeatures, outFeatures);

    /// <summary>
    /// With the decode kernels off (<see cref="Runtime.GpuBackend.UseDecodeGemv"/>) 1–16 tokens take the mma.sync tile, which
    /// the cases above (decode-sized, so on the GEMV and the skinny kernel) no longer reach: it passes the same oracle.
    /// </summary>
    [Fact]
    public void The_tile_for_decode_batches_matches_the_oracle_on_the_ilgpu_cpu_accelerator()
    {
        var device = devices.Get(Backend.IlgpuCpu);
        device.Gpu.UseDecodeGemv = false;
        try
        {
            Fp4LayerTests.CheckAgainstOracle(device, "direct", 5, 72, 17);
        }
        finally
        {
            device.Gpu.UseDecodeGemv = true;
        }
    }

    /// <summary>The generated Hopper entry points (wgmma tiles' managed twin) with the FP4 epilogue pass the same oracle.</summary>
    [Fact]
    public void Warpgroup_tiles_match_the_oracle_on_the_ilgpu_cpu_accelerator()
    {
        var device = devices.Get(Backend.IlgpuCpu);
        device.Gpu.UseWarpgroupMma = true;
        try
        {
            // 17 tokens: up to 16 the layers take the mma.sync tile even on a wgmma device (Int8MmaGemm.ChooseTile).
            Fp4LayerTests.CheckAgainstOracle(device, "default", 17, 70, 24);
        }
        finally
        {
            device.Gpu.UseWarpgroupMma = false;
        }
    }
}
