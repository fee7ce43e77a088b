using QuantDsl.Kernels.Epilogues;
using QuantDsl.Kernels.Gemm;

namespace QuantDsl.Gpu.Bench;

/// <summary>The [Int8Outliers] epilogue at threshold 0 (scales and bias, no outlier term), for the raw GEMM timing.</summary>
/// <param name="operands">The layer's epilogue operands.</param>
/// <param name="cols">Output columns (the row stride of the output).</param>
internal readonly struct VectorWiseEpilogue(Int8OutlierOperands operands, int cols) : IInt8TileEpilogue
{
    private readonly Int8OutlierOperands operands = operands;
    private readonly int cols = cols;

    /// <inheritdoc/>
    public void Store(int accumulator, int row, int col) =>
        Int8OutlierEpilogue.Store(accumulator, row, col, int.MaxValue, cols, operands, decompose: false, outlierWeightsFromInt8: false);
}
