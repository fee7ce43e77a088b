using System.Runtime.CompilerServices;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Gpu;

namespace QuantDsl.Kernels.Epilogues;

/// <summary>
/// The LLM.int8 epilogue of the int8 GEMM core (device code), one output element at a time:
/// <c>y = acc·cx·cw/16129 + Σ_{j∈O} X[t, j]·W'[o, j] + bias[o]</c>, where O are this call's outlier
/// columns and W' is the fp32 weight, or its int8 dequantization when outlier weights come from int8. The outlier
/// term reads the compact copies of <see cref="OutlierGather"/> when the count fits, X and W (or Wq) otherwise.
/// </summary>
public static class Int8OutlierEpilogue
{
    /// <summary>Stores one output element (no-op outside [rows × cols]).</summary>
    /// <param name="acc">The exact int32 product sum over the non-outlier columns.</param>
    /// <param name="row">Token index.</param>
    /// <param name="col">Output channel.</param>
    /// <param name="rows">Tokens.</param>
    /// <param name="cols">Output channels.</param>
    /// <param name="operands">Scales, bias, full-precision operands, outlier list, output.</param>
    /// <param name="decompose">False when the threshold is 0: no outlier term at all.</param>
    /// <param name="outlierWeightsFromInt8">True for bitsandbytes' choice of the dequantized weight.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(
        int acc, int row, int col, int rows, int cols, Int8OutlierOperands operands, bool decompose, bool outlierWeightsFromInt8)
    {
        if (row >= rows || col >= cols)
        {
            return;
        }

        float y = Int8Format.DequantizeProduct(acc, operands.RowAbsMax[row], operands.ColAbsMax[col]);
        if (decompose)
        {
            // The count is uniform over the launch, so the branch does not diverge. Both paths sum the same
            // products in the same (ascending column) order, so they give the same bits.
            int count = operands.OutlierCount[0];
            y += count <= OutlierGather.Capacity && operands.OutliersInPlace == 0
                ? OutlierDotCompact(operands, row, col, count)
                : outlierWeightsFromInt8
                    ? OutlierDotDequantized(operands, row, col)
                    : OutlierDot(operands, row, col);
        }

        if (operands.HasBias != 0)
        {
            y += operands.Bias[col];
        }

        operands.Y[(row * cols) + col] = y;
    }

    /// <summary>
    /// <c>Σ_q OutlierX[row, q]·OutlierW[col, q]</c>: the outlier term from the compact copies <see cref="OutlierGather"/>
    /// made (contiguous runs of <paramref name="count"/> floats, shared by a tile's rows and columns and so cached).
    /// </summary>
    public static float OutlierDotCompact(Int8OutlierOperands operands, int row, int col, int count)
    {
        int xRow = row * count;
        int wRow = col * count;
        float sum = 0f;
        for (int q = 0; q < count; q++)
        {
            sum += operands.OutlierX[xRow + q] * operands.OutlierW[wRow + q];
        }

        return sum;
    }

    /// <summary>
    /// <c>Σ_{j∈O} X[row, j]·W[col, j]</c> with the fp32 weight, read in place (strided by K). The loads of four columns
    /// (indices, then values) go out before their products are added, in ascending order as always, so the sum has the
    /// bits of the one-at-a-time loop while the strided reads wait on memory together (the one-token forward reads every
    /// outlier column in place: one load at a time cost 5.5 µs of its GEMV at 4096², H200).
    /// </summary>
    public static float OutlierDot(Int8OutlierOperands operands, int row, int col) =>
        OutlierDotInPlace<Fp32OutlierWeights, float>(operands, row, new Fp32OutlierWeights(operands.W, col, operands.InFeatures));

    /// <summary>
    /// <c>Σ_{j∈O} X[row, j]·dequant(Wq[col, j])</c> (bitsandbytes' choice), read in place; four columns' loads at a time
    /// as in <see cref="OutlierDot"/>.
    /// </summary>
    public static float OutlierDotDequantized(Int8OutlierOperands operands, int row, int col) =>
        OutlierDotInPlace<Int8OutlierWeights, int>(
            operands, row, new Int8OutlierWeights(operands.Wq, col, operands.WeightWords, operands.ColAbsMax[col]));

    // The in-place loop of both: four columns' indices, then their X values and weight loads, go out before any product
    // is added; the adds are one at a time in ascending column order, so the sum has the one-at-a-time loop's bits.
    private static float OutlierDotInPlace<TWeights, TLoaded>(Int8OutlierOperands operands, int row, TWeights weights)
        where TWeights : struct, IOutlierWeightReader<TLoaded>
        where TLoaded : unmanaged
    {
        int count = operands.OutlierCount[0];
        int xRow = row * operands.InFeatures;
        float sum = 0f;
        int q = 0;
        for (; q + 3 < count; q += 4)
        {
            int j0 = operands.OutlierIndices[q], j1 = operands.OutlierIndices[q + 1];
            int j2 = operands.OutlierIndices[q + 2], j3 = operands.OutlierIndices[q + 3];
            float x0 = operands.X[xRow + j0], x1 = operands.X[xRow + j1], x2 = operands.X[xRow + j2], x3 = operands.X[xRow + j3];
            TLoaded w0 = weights.Load(j0), w1 = weights.Load(j1), w2 = weights.Load(j2), w3 = weights.Load(j3);
            sum += x0 * weights.Weight(w0, j0);
            sum += x1 * weights.Weight(w1, j1);
            sum += x2 * weights.Weight(w2, j2);
            sum += x3 * weights.Weight(w3, j3);
        }

        for (; q < count; q++)
        {
            int j = operands.OutlierIndices[q];
            sum += operands.X[xRow + j] * weights.Weight(weights.Load(j), j);
        }

        return sum;
    }
}
