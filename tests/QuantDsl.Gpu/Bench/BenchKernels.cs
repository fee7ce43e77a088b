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

    /// <summary>y = rowAbsMax·colAbsMax/127²·Σ Xq·Wq + bias: the layer's GEMM with threshold 0, 128 × 128 tiles.</summary>
    public static void Int8Gemm(Int8MmaOperands gemm, Int8OutlierOperands operands) =>
        Int8MmaGemm.KernelRows128Cols128(gemm, new Int8OutlierTileEpilogue(operands, gemm.Cols, decompose: false, outlierWeightsFromInt8: false));

    /// <summary>The same with 64 × 128 tiles.</summary>
    public static void Int8GemmSmall(Int8MmaOperands gemm, Int8OutlierOperands operands) =>
        Int8MmaGemm.KernelRows64Cols128(gemm, new Int8OutlierTileEpilogue(operands, gemm.Cols, decompose: false, outlierWeightsFromInt8: false));

    /// <summary>Launches the raw GEMM with the tile the layers would pick.</summary>
    public static void LaunchInt8Gemm(QuantDsl.Runtime.GpuBackend gpu, Int8MmaOperands gemm, Int8OutlierOperands operands)
    {
        var tile = Int8MmaGemm.ChooseTile(gemm.Rows, gemm.Cols);
        if (tile == Int8MmaTile.Rows64Cols128)
        {
            gpu.Launch(Int8GemmSmall, Int8MmaGemm.Config(tile, gemm.Rows, gemm.Cols), gemm, operands);
        }
        else
        {
            gpu.Launch(Int8Gemm, Int8MmaGemm.Config(tile, gemm.Rows, gemm.Cols), gemm, operands);
        }
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
