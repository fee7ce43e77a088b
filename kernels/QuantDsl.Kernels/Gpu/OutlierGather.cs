using ILGPU;
using QuantDsl.Kernels.Formats;

namespace QuantDsl.Kernels.Gpu;

/// <summary>
/// Copies this call's outlier columns (the list <see cref="OutlierColumns.Compact"/> leaves on the device) into compact
/// row-major buffers, <c>[rows × count]</c> with row stride <c>count</c>, so the LLM.int8 epilogue reads a contiguous
/// run per output row/column instead of <c>count</c> loads strided by K, repeated by every tile. The count stays on
/// the device (no host round trip), so the buffers are sized by <see cref="Capacity"/> and the launches by it too;
/// with more outlier columns than that the kernels copy nothing and the epilogue reads the full operands instead
/// (<see cref="Epilogues.Int8OutlierEpilogue"/>), same arithmetic, so any count is handled.
/// </summary>
public static class OutlierGather
{
    /// <summary>
    /// Outlier columns the compact buffers hold (LLM.int8 reports a handful of outlier features per layer; 6 in the
    /// bench). A fixed bound keeps the buffers at <c>rows × 64</c> floats rather than a copy of X and W.
    /// </summary>
    public const int Capacity = 64;

    /// <summary>Threads per group of the gather kernels.</summary>
    public const int Threads = 256;

    /// <summary>Launch shape for <paramref name="rows"/> rows: one thread per (row, outlier slot) up to <see cref="Capacity"/>.</summary>
    /// <param name="rows">Rows of the gathered matrix (tokens for X, output channels for W).</param>
    public static KernelConfig Config(int rows) => new(BlocksFor(rows), Threads);

    private static int BlocksFor(int rows) => (int)(((rows * (long)Capacity) + Threads - 1) / Threads);

    /// <summary>
    /// <c>compact[r·count + q] = source[r·rowLength + indices[q]]</c> for <c>q &lt; count</c> (fp32 X or W). Threads
    /// take consecutive compact elements, so the stores are coalesced and the active threads are the first ones.
    /// </summary>
    /// <param name="source">Row-major fp32 matrix [rows × rowLength].</param>
    /// <param name="rows">Rows of <paramref name="source"/>.</param>
    /// <param name="rowLength">Row length (stride) of <paramref name="source"/>.</param>
    /// <param name="indices">Ascending outlier column indices.</param>
    /// <param name="count">One element: the number of valid <paramref name="indices"/>.</param>
    /// <param name="compact">Destination [rows × count], at least <c>rows · Capacity</c> elements.</param>
    public static void GatherColumns(
        ArrayView<float> source, int rows, int rowLength, ArrayView<int> indices, ArrayView<int> count, ArrayView<float> compact)
    {
        int n = count[0];
        int i = Grid.GlobalIndex.X;
        if (n > Capacity || i >= rows * n)
        {
            return;
        }

        int row = i / n;
        int q = i - (row * n);
        compact[i] = source[(row * rowLength) + indices[q]];
    }

    /// <summary>
    /// Launch shape of <see cref="GatherBoth"/>: the blocks of <see cref="Config"/> for the activation rows, then those
    /// for the weight rows.
    /// </summary>
    /// <param name="tokens">Rows of X.</param>
    /// <param name="outFeatures">Rows of W.</param>
    public static KernelConfig BothConfig(int tokens, int outFeatures) => new(BlocksFor(tokens) + BlocksFor(outFeatures), Threads);

    /// <summary>
    /// <see cref="GatherColumns"/> of X and of W (or <see cref="GatherDequantizedInt8Columns"/> of the int8 weight when
    /// <paramref name="weightsFromInt8"/> is 1) in one launch (<see cref="BothConfig"/>), from and into the operands of the
    /// layer's epilogue: the first blocks copy X's outlier columns into <c>OutlierX</c>, the rest W's into <c>OutlierW</c>.
    /// One kernel fewer per forward (the X gather alone was 2.8 µs of a 68 µs one-token forward on the H200, ncu
    /// 2026-12-04, plus its launch gap).
    /// </summary>
    /// <remarks>
    /// It also sets the column flags of the marking back to zero (they are non-zero exactly at the listed columns, and the
    /// quantizer that reads them ran before), so the next forward's marking needs no memset of them.
    /// </remarks>
    /// <param name="operands">X, W (or Wq with <c>ColAbsMax</c> and <c>WeightWords</c>), <c>InFeatures</c>, the outlier list and count, the two compact buffers.</param>
    /// <param name="flags">The per-column flags the outlier list was compacted from; left all zero.</param>
    /// <param name="tokens">Rows of X.</param>
    /// <param name="outFeatures">Rows of W.</param>
    /// <param name="weightsFromInt8">1 for bitsandbytes' dequantized int8 outlier weights, 0 for the fp32 weight.</param>
    public static void GatherBoth(Epilogues.Int8OutlierOperands operands, ArrayView<int> flags, int tokens, int outFeatures, int weightsFromInt8)
    {
        int n = operands.OutlierCount[0];

        // Every listed column, even past Capacity (the list holds them all); the grid may be smaller than the list.
        for (int q = Grid.GlobalIndex.X; q < n; q += Grid.DimX * Group.DimX)
        {
            flags[operands.OutlierIndices[q]] = 0;
        }

        int xBlocks = BlocksFor(tokens);
        bool isX = Grid.IdxX < xBlocks;
        int i = ((isX ? Grid.IdxX : Grid.IdxX - xBlocks) * Threads) + Group.IdxX;
        if (n > Capacity || i >= (isX ? tokens : outFeatures) * n)
        {
            return;
        }

        int row = i / n;
        int j = operands.OutlierIndices[i - (row * n)];
        if (isX)
        {
            operands.OutlierX[i] = operands.X[(row * operands.InFeatures) + j];
        }
        else if (weightsFromInt8 != 0)
        {
            int code = Int8Format.Unpack(operands.Wq[(row * operands.WeightWords) + (j >> 2)], j & 3);
            operands.OutlierW[i] = Int8Format.Dequantize(code, operands.ColAbsMax[row]);
        }
        else
        {
            operands.OutlierW[i] = operands.W[(row * operands.InFeatures) + j];
        }
    }

    /// <summary>
    /// <c>compact[r·count + q] = dequant(codes[r, indices[q]], absMax[r])</c> for <c>q &lt; count</c>: the int8 weight
    /// dequantized exactly as the strided epilogue does (bitsandbytes' outlier weights).
    /// </summary>
    /// <param name="codes">Packed int8 codes, four to a word, [rows × words].</param>
    /// <param name="rows">Rows (output channels).</param>
    /// <param name="words">Words per row of <paramref name="codes"/>.</param>
    /// <param name="absMax">Per-row absmax of the weight.</param>
    /// <param name="indices">Ascending outlier column indices.</param>
    /// <param name="count">One element: the number of valid <paramref name="indices"/>.</param>
    /// <param name="compact">Destination [rows × count], at least <c>rows · Capacity</c> elements.</param>
    public static void GatherDequantizedInt8Columns(
        ArrayView<int> codes, int rows, int words, ArrayView<float> absMax, ArrayView<int> indices, ArrayView<int> count, ArrayView<float> compact)
    {
        int n = count[0];
        int i = Grid.GlobalIndex.X;
        if (n > Capacity || i >= rows * n)
        {
            return;
        }

        int row = i / n;
        int j = indices[i - (row * n)];
        int code = Int8Format.Unpack(codes[(row * words) + (j >> 2)], j & 3);
        compact[i] = Int8Format.Dequantize(code, absMax[row]);
    }
}
