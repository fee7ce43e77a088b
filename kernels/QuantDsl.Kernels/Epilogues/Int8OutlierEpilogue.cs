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
    public static float OutlierDot(Int8OutlierOperands operands, int row, int col)
    {
        int count = operands.OutlierCount[0];
        int xRow = row * operands.InFeatures;
        int wRow = col * operands.InFeatures;
        float sum = 0f;
        int q = 0;
        for (; q + 3 < count; q += 4)
        {
            int j0 = operands.OutlierIndices[q], j1 = operands.OutlierIndices[q + 1];
            int j2 = operands.OutlierIndices[q + 2], j3 = operands.OutlierIndices[q + 3];
            float x0 = operands.X[xRow + j0], x1 = operands.X[xRow + j1], x2 = operands.X[xRow + j2], x3 = operands.X[xRow + j3];
            float w0 = operands.W[wRow + j0], w1 = operands.W[wRow + j1], w2 = operands.W[wRow + j2], w3 = operands.W[wRow + j3];
            sum += x0 * w0;
            sum += x1 * w1;
            sum += x2 * w2;
            sum += x3 * w3;
        }

        for (; q < count; q++)
        {
            int j = operands.OutlierIndices[q];
            sum += operands.X[xRow + j] * operands.W[wRow + j];
        }

        return sum;
    }

    /// <summary>
    /// <c>Σ_{j∈O} X[row, j]·dequant(Wq[col, j])</c> (bitsandbytes' choice), read in place; four columns' loads at a time
    /// as in <see cref="OutlierDot"/>.
    /// </summary>
    public static float OutlierDotDequantized(Int8OutlierOperands operands, int row, int col)
    {
        int count = operands.OutlierCount[0];
        int xRow = row * operands.InFeatures;
        int wRow = col * operands.WeightWords;
        float wAbsMax = operands.ColAbsMax[col];
        float sum = 0f;
        int q = 0;
        for (; q + 3 < count; q += 4)
        {
            int j0 = operands.OutlierIndices[q], j1 = operands.OutlierIndices[q + 1];
            int j2 = operands.OutlierIndices[q + 2], j3 = operands.OutlierIndices[q + 3];
            float x0 = operands.X[xRow + j0], x1 = operands.X[xRow + j1], x2 = operands.X[xRow + j2], x3 = operands.X[xRow + j3];
            int c0 = operands.Wq[wRow + (j0 >> 2)], c1 = operands.Wq[wRow + (j1 >> 2)];
            int c2 = operands.Wq[wRow + (j2 >> 2)], c3 = operands.Wq[wRow + (j3 >> 2)];
            sum += x0 * Int8Format.Dequantize(Int8Format.Unpack(c0, j0 & 3), wAbsMax);
            sum += x1 * Int8Format.Dequantize(Int8Format.Unpack(c1, j1 & 3), wAbsMax);
            sum += x2 * Int8Format.Dequantize(Int8Format.Unpack(c2, j2 & 3), wAbsMax);
            sum += x3 * Int8Format.Dequantize(Int8Format.Unpack(c3, j3 & 3), wAbsMax);
        }

        for (; q < count; q++)
        {
            int j = operands.OutlierIndices[q];
            int code = Int8Format.Unpack(operands.Wq[wRow + (j >> 2)], j & 3);
            sum += operands.X[xRow + j] * Int8Format.Dequantize(code, wAbsMax);
        }

        return sum;
    }
}
