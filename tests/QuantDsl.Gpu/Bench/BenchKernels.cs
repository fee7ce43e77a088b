using ILGPU;
using QuantDsl.Kernels.Epilogues;
using QuantDsl.Kernels.Gemm;

namespace QuantDsl.Gpu.Bench;

/// <summary>
/// Kernels only the bench mode launches: the raw int8 GEMM on pre-quantized operands (the library SIMT main loop,
/// same tiles and stage depth as the generated layer kernel, vector-wise epilogue without outlier term), and a copy
/// kernel for the bandwidth reference.
/// </summary>
internal static class BenchKernels
{
    /// <summary>Codes are padded to whole stages of the SIMT main loop the generated layers use.</summary>
    public const int KMultiple = Int8SimtGemm.KMultiple;

    /// <summary>One 256-thread block per 64 × 64 output tile.</summary>
    public static KernelConfig GemmConfig(int rows, int cols) => Int8SimtGemm.Config(rows, cols);

    /// <summary>y = rowAbsMax·colAbsMax/127²·Σ Xq·Wq + bias: the layer's GEMM with threshold 0, on the library SIMT main loop.</summary>
    public static void Int8Gemm(ArrayView<int> xCodes, ArrayView<int> weightCodes, Int8OutlierOperands operands, int rows, int cols, int words) =>
        Int8SimtGemm.Kernel(xCodes, weightCodes, new VectorWiseEpilogue(operands, cols), rows, cols, words);

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
