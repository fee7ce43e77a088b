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
    /// tile the layers would pick on this device.
    /// </summary>
    public static void LaunchInt8Gemm(QuantDsl.Runtime.GpuBackend gpu, Int8MmaOperands gemm, Int8OutlierOperands operands)
    {
        var tile = Int8MmaGemm.ChooseTile(gemm.Rows, gemm.Cols, gpu.UseWarpgroupMma);
        var epilogue = new Int8OutlierTileEpilogue(operands, gemm.Cols, decompose: false, outlierWeightsFromInt8: false);
        gpu.Launch(Int8MmaGemm.KernelFor<Int8OutlierTileEpilogue>(tile), Int8MmaGemm.Config(tile, gemm.Rows, gemm.Cols), gemm, epilogue);
    }

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
