using ILGPU;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Gemm;
using QuantDsl.Kernels.Gpu;

namespace QuantDsl.Kernels.Epilogues;

/// <summary>
/// The LLM.int8 epilogue (<see cref="Int8OutlierEpilogue"/>: row × column scales, the fp32 outlier-column term, bias)
/// as an <see cref="IInt8TileEpilogue"/>, so any GPU int8 main loop (the tensor-core <see cref="Int8MmaGemm"/> first)
/// can finish an [Int8Outliers] layer. Generated kernels build it with their policy's constants, which ILGPU folds.
/// </summary>
/// <remarks>
/// <see cref="Prepare"/> copies the tile's row and column scales, its bias and its rows of the compact outlier
/// columns into the main loop's shared ring once per block. Without it each output reloaded them from global memory —
/// 2 + 2·count loads per output, none of which the compiler may keep in registers across the output stores (the views
/// could alias): at 4096³ with 6 outlier columns that epilogue cost 116 µs, 42 % of the GEMM (H200, ncu, 2026-12-03).
/// Staged and unstaged outputs are the same bits: the same products summed in the same order.
/// </remarks>
/// <param name="operands">Scales, bias, full-precision operands, outlier list, output.</param>
/// <param name="cols">Output columns (the row stride of the output).</param>
/// <param name="decompose">False when the threshold is 0: no outlier term at all.</param>
/// <param name="outlierWeightsFromInt8">True for bitsandbytes' choice of the dequantized weight in the outlier term.</param>
public struct Int8OutlierTileEpilogue(Int8OutlierOperands operands, int cols, bool decompose, bool outlierWeightsFromInt8)
    : IInt8TileEpilogue
{
    private readonly Int8OutlierOperands operands = operands;
    private readonly int cols = cols;
    // Ints, not bools, so the struct stays blittable and can be a kernel parameter too (tests launch it directly).
    private readonly int decompose = decompose ? 1 : 0;
    private readonly int outlierWeightsFromInt8 = outlierWeightsFromInt8 ? 1 : 0;

    // Set by Prepare: the staged copy [row scales | column scales | bias | outlier x rows | outlier w rows] in shared memory.
    private ArrayView<int> staged;
    private int isStaged;
    private int tileRow0;
    private int tileCol0;
    private int tileRows;
    private int tileCols;
    private int outlierCount;
    private int outlierStride;

    /// <inheritdoc/>
    public void Prepare(ArrayView<int> shared, int row0, int col0, int blockRows, int blockCols, int rows, int cols)
    {
        int count = decompose != 0 ? operands.OutlierCount[0] : 0;

        // An odd stride spreads the eight rows a warp reads at once over the banks.
        int stride = count == 0 ? 0 : count | 1;
        long needed = blockRows + (2L * blockCols) + ((long)(blockRows + blockCols) * stride);
        if (count > OutlierGather.Capacity || needed > shared.Length || operands.OutliersInPlace != 0)
        {
            // Uniform over the block (one count per launch): every thread leaves unstaged, so no barrier is owed.
            return;
        }

        // Other warps may still be reading the ring's last stage.
        Group.Barrier();
        int tid = Group.IdxX, threads = Group.DimX;
        for (int i = tid; i < blockRows; i += threads)
        {
            int row = row0 + i;
            shared[i] = Bits(row < rows ? operands.RowAbsMax[row] : 0f);
        }

        for (int j = tid; j < blockCols; j += threads)
        {
            int col = col0 + j;
            bool inside = col < cols;
            shared[blockRows + j] = Bits(inside ? operands.ColAbsMax[col] : 0f);
            shared[blockRows + blockCols + j] = Bits(inside && operands.HasBias != 0 ? operands.Bias[col] : 0f);
        }

        if (count > 0)
        {
            int xBase = blockRows + (2 * blockCols);
            for (int e = tid; e < blockRows * count; e += threads)
            {
                int i = e / count, q = e - (i * count);
                int row = row0 + i;
                shared[xBase + (i * stride) + q] = Bits(row < rows ? operands.OutlierX[(row * count) + q] : 0f);
            }

            int wBase = xBase + (blockRows * stride);
            for (int e = tid; e < blockCols * count; e += threads)
            {
                int j = e / count, q = e - (j * count);
                int col = col0 + j;
                shared[wBase + (j * stride) + q] = Bits(col < cols ? operands.OutlierW[(col * count) + q] : 0f);
            }
        }

        Group.Barrier();
        staged = shared;
        isStaged = 1;
        tileRow0 = row0;
        tileCol0 = col0;
        tileRows = blockRows;
        tileCols = blockCols;
        outlierCount = count;
        outlierStride = stride;
    }

    /// <inheritdoc/>
    public readonly void Store(int accumulator, int row, int col)
    {
        if (isStaged == 0)
        {
            // Main loops call only inside [rows × cols], so the row bound is not checked again.
            Int8OutlierEpilogue.Store(accumulator, row, col, int.MaxValue, cols, operands, decompose != 0, outlierWeightsFromInt8 != 0);
            return;
        }

        int r = row - tileRow0, c = col - tileCol0;
        float y = Int8Format.DequantizeProduct(accumulator, Staged(r), Staged(tileRows + c));
        if (decompose != 0)
        {
            float sum = 0f;
            int x = OutlierXRow(r), w = OutlierWRow(c);
            for (int q = 0; q < outlierCount; q++)
            {
                sum += Staged(x + q) * Staged(w + q);
            }

            y += sum;
        }

        if (operands.HasBias != 0)
        {
            y += Staged(tileRows + tileCols + c);
        }

        operands.Y[(row * cols) + col] = y;
    }

    /// <inheritdoc/>
    public readonly void StorePair(int first, int second, int row, int col)
    {
        bool both = col + 1 < cols;
        if (isStaged == 0)
        {
            Store(first, row, col);
            if (both)
            {
                Store(second, row, col + 1);
            }

            return;
        }

        // Tiles have an even number of columns, so c + 1 is inside the staged tile (zero past the last column).
        int r = row - tileRow0, c = col - tileCol0;
        float rowScale = Staged(r);
        float y0 = Int8Format.DequantizeProduct(first, rowScale, Staged(tileRows + c));
        float y1 = Int8Format.DequantizeProduct(second, rowScale, Staged(tileRows + c + 1));
        if (decompose != 0)
        {
            float sum0 = 0f, sum1 = 0f;
            int x = OutlierXRow(r), w0 = OutlierWRow(c), w1 = w0 + outlierStride;
            int q = 0;

            // Two columns a step (ILGPU does not unroll): half the loop overhead, the loads of a step issued together,
            // and still each sum in ascending column order.
            for (; q + 1 < outlierCount; q += 2)
            {
                float xq = Staged(x + q), xNext = Staged(x + q + 1);
                sum0 += xq * Staged(w0 + q);
                sum0 += xNext * Staged(w0 + q + 1);
                sum1 += xq * Staged(w1 + q);
                sum1 += xNext * Staged(w1 + q + 1);
            }

            for (; q < outlierCount; q++)
            {
                float xq = Staged(x + q);
                sum0 += xq * Staged(w0 + q);
                sum1 += xq * Staged(w1 + q);
            }

            y0 += sum0;
            y1 += sum1;
        }

        if (operands.HasBias != 0)
        {
            y0 += Staged(tileRows + tileCols + c);
            y1 += Staged(tileRows + tileCols + c + 1);
        }

        WritePair(y0, y1, row, col, both);
    }

    /// <inheritdoc/>
    public readonly void StoreQuad(int top, int topNext, int bottom, int bottomNext, int row, int col)
    {
        if (isStaged == 0 || decompose == 0)
        {
            StorePair(top, topNext, row, col);
            StorePair(bottom, bottomNext, row + 8, col);
            return;
        }

        bool both = col + 1 < cols;
        int r = row - tileRow0, c = col - tileCol0;
        float topScale = Staged(r), bottomScale = Staged(r + 8);
        float colScale = Staged(tileRows + c), nextScale = Staged(tileRows + c + 1);
        float y00 = Int8Format.DequantizeProduct(top, topScale, colScale);
        float y01 = Int8Format.DequantizeProduct(topNext, topScale, nextScale);
        float y10 = Int8Format.DequantizeProduct(bottom, bottomScale, colScale);
        float y11 = Int8Format.DequantizeProduct(bottomNext, bottomScale, nextScale);

        // Four independent sums, each in ascending column order (the bits of Store): the two-output loop of StorePair
        // waited on its shared-memory loads (~40 µs of a 4096³ GEMM on the H200 with 6 outlier columns).
        float s00 = 0f, s01 = 0f, s10 = 0f, s11 = 0f;
        int x0 = OutlierXRow(r), x1 = OutlierXRow(r + 8), w0 = OutlierWRow(c), w1 = w0 + outlierStride;
        for (int q = 0; q < outlierCount; q++)
        {
            float xTop = Staged(x0 + q), xBottom = Staged(x1 + q), w = Staged(w0 + q), wNext = Staged(w1 + q);
            s00 += xTop * w;
            s01 += xTop * wNext;
            s10 += xBottom * w;
            s11 += xBottom * wNext;
        }

        y00 += s00;
        y01 += s01;
        y10 += s10;
        y11 += s11;
        if (operands.HasBias != 0)
        {
            float bias = Staged(tileRows + tileCols + c), nextBias = Staged(tileRows + tileCols + c + 1);
            y00 += bias;
            y01 += nextBias;
            y10 += bias;
            y11 += nextBias;
        }

        WritePair(y00, y01, row, col, both);
        WritePair(y10, y11, row + 8, col, both);
    }

    private readonly void WritePair(float y0, float y1, int row, int col, bool both)
    {
        int index = (row * cols) + col;
        if (both && (cols & 1) == 0)
        {
            // Even row stride and even column: the pair is 8-byte aligned.
            operands.Y.Cast<OutputPair>()[index >> 1] = new OutputPair(y0, y1);
        }
        else
        {
            operands.Y[index] = y0;
            if (both)
            {
                operands.Y[index + 1] = y1;
            }
        }
    }

    private static int Bits(float value) => (int)Interop.FloatAsInt(value);

    private readonly float Staged(int index) => Interop.IntAsFloat((uint)staged[index]);

    private readonly int OutlierXRow(int r) => tileRows + (2 * tileCols) + (r * outlierStride);

    private readonly int OutlierWRow(int c) => tileRows + (2 * tileCols) + (tileRows * outlierStride) + (c * outlierStride);
}
