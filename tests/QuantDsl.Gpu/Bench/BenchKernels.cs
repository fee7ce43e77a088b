using ILGPU;
using QuantDsl.Kernels.Epilogues;
using QuantDsl.Kernels.Gemm;

namespace QuantDsl.Gpu.Bench;

/// <summary>
/// Kernels only the bench mode launches: the raw int8 GEMM on pre-quantized operands (the library tensor-core main
/// loop the generated layers use, same tile choice, vector-wise epilogue without outlier term), and a copy kernel for
/// the bandwidth reference.
/// </summary>
internal static class BenchKernels
{
    /// <summary>Codes are padded to the K multiple of the tensor-core main loop the generated layers use.</summary>
    public const int KMultiple = Int8MmaGemm.KMultiple;

    /// <summary>
    /// Launches the raw GEMM, y = rowAbsMax·colAbsMax/127²·Σ Xq·Wq + bias (the layer's GEMM at threshold 0), with the
    /// tile and K split the layers would pick on this device (<see cref="QuantDsl.Runtime.GpuBackend.GemmKSplits"/>
    /// forces a split). <paramref name="splitSums"/> (rows × cols) and <paramref name="tickets"/> (<see cref="MaxTiles"/>)
    /// must start zero; the kernels keep them so.
    /// </summary>
    public static void LaunchInt8Gemm(
        QuantDsl.Runtime.GpuBackend gpu, Int8MmaOperands gemm, Int8OutlierOperands operands, ArrayView<int> splitSums, ArrayView<int> tickets)
    {
        var tile = Int8MmaGemm.ChooseTile(gemm.Rows, gemm.Cols, gpu.UseWarpgroupMma);
        var split = gemm.WithKSplits(tile, Splits(gpu, gemm), splitSums, tickets);
        var epilogue = new Int8OutlierTileEpilogue(operands, gemm.Cols, decompose: false, outlierWeightsFromInt8: false);
        gpu.Launch(Int8MmaGemm.KernelFor<Int8OutlierTileEpilogue>(tile), Int8MmaGemm.Config(tile, split), split, epilogue);
    }

    /// <summary>The K split <see cref="LaunchInt8Gemm"/> runs (what a layer would).</summary>
    public static int Splits(QuantDsl.Runtime.GpuBackend gpu, Int8MmaOperands gemm)
    {
        var tile = Int8MmaGemm.ChooseTile(gemm.Rows, gemm.Cols, gpu.UseWarpgroupMma);
        return Int8MmaGemm.NormalizeKSplits(
            gemm.Words, gpu.GemmKSplits ?? Int8MmaGemm.ChooseKSplits(tile, gemm.Rows, gemm.Cols, gemm.Words, gpu.Accelerator.NumMultiprocessors));
    }

    /// <summary>Tickets a K split of an M × N GEMM may need on any tile (the 64-row tiles have the most).</summary>
    public static int MaxTiles(int rows, int cols) => Int8MmaGemm.Tiles(Int8MmaTile.Rows64Cols128, rows, cols);

    /// <summary>Grid-stride element copy, the bandwidth reference a kernel can reach.</summary>
    public static void Copy(ArrayView<float> source, ArrayView<float> destination)
    {
        long stride = (long)Grid.DimX * Group.DimX;
        for (long i = Grid.GlobalIndex.X; i < source.Length; i += stride)
        {
            destination[i] = source[i];
        }
    }
}
