using QuantDsl.Kernels.Gemm;

namespace QuantDsl.Kernels.Epilogues;

/// <summary>
/// The LLM.int8 epilogue (<see cref="Int8OutlierEpilogue"/>: row × column scales, the fp32 outlier-column term, bias)
/// as an <see cref="IInt8TileEpilogue"/>, so any GPU int8 main loop (the tensor-core <see cref="Int8MmaGemm"/> first)
/// can finish an [Int8Outliers] layer. Generated kernels build it with their policy's constants, which ILGPU folds.
/// </summary>
/// <param name="operands">Scales, bias, full-precision operands, outlier list, output.</param>
/// <param name="cols">Output columns (the row stride of the output).</param>
/// <param name="decompose">False when the threshold is 0: no outlier term at all.</param>
/// <param name="outlierWeightsFromInt8">True for bitsandbytes' choice of the dequantized weight in the outlier term.</param>
public readonly struct Int8OutlierTileEpilogue(Int8OutlierOperands operands, int cols, bool decompose, bool outlierWeightsFromInt8)
    : IInt8TileEpilogue
{
    private readonly Int8OutlierOperands operands = operands;
    private readonly int cols = cols;
    private readonly bool decompose = decompose;
    private readonly bool outlierWeightsFromInt8 = outlierWeightsFromInt8;

    /// <inheritdoc/>
    public void Store(int accumulator, int row, int col) =>
        // Main loops call only inside [rows × cols], so the row bound is not checked again.
        Int8OutlierEpilogue.Store(accumulator, row, col, int.MaxValue, cols, operands, decompose, outlierWeightsFromInt8);
}
