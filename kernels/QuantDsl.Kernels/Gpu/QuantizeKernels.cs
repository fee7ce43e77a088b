using ILGPU;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Reductions;

namespace QuantDsl.Kernels.Gpu;

/// <summary>
/// Library kernels that quantize whole matrices row by row, one group per row. When cols is a multiple of 4 the rows
/// are read as 16-byte quads, so the source view must then start 16-byte aligned (a whole tensor's or parameter's view
/// does; a sub-view at an offset that is not a multiple of 4 elements would be read from the wrong place).
/// </summary>
public static class QuantizeKernels
{
    /// <summary>Threads per row group.</summary>
    public const int RowThreads = 256;

    /// <summary>Launch shape for <paramref name="rows"/> rows: one group per row.</summary>
    public static KernelConfig RowConfig(int rows) => new(rows, RowThreads);

    /// <summary>
    /// Per-row absmax int8 of a row-major [rows × cols] matrix into packed words [rows × words]
    /// (per-output-channel weight quantization when rows are output channels). Adds the number of
    /// non-finite elements to <c>nonFinite[0]</c>.
    /// </summary>
    public static void QuantizeRowsInt8(
        ArrayView<float> source, ArrayView<int> packed, ArrayView<float> rowAbsMax, ArrayView<int> nonFinite, int cols, int words) =>
        QuantizeThisRow(source, default, false, packed, rowAbsMax, nonFinite, cols, words);

    /// <summary>
    /// Per-token absmax int8 of activations [rows × cols] with LLM.int8's outlier columns
    /// (<c>columnFlags[col] != 0</c>) left out of the absmax and coded 0. Adds the number of non-finite
    /// elements (over all columns) to <c>nonFinite[0]</c>.
    /// </summary>
    public static void QuantizeRowsInt8ExcludingFlagged(
        ArrayView<float> source,
        ArrayView<int> columnFlags,
        ArrayView<int> packed,
        ArrayView<float> rowAbsMax,
        ArrayView<int> nonFinite,
        int cols,
        int words) =>
        QuantizeThisRow(source, columnFlags, true, packed, rowAbsMax, nonFinite, cols, words);

    private static void QuantizeThisRow(
        ArrayView<float> source,
        ArrayView<int> columnFlags,
        bool excludeFlagged,
        ArrayView<int> packed,
        ArrayView<float> rowAbsMax,
        ArrayView<int> nonFinite,
        int cols,
        int words)
    {
        var floatScratch = SharedMemory.Allocate<float>(GroupReduce.MaxWarps);
        var intScratch = SharedMemory.Allocate<int>(GroupReduce.MaxWarps);
        int row = Grid.IdxX;
        var result = RowQuantizer.QuantizeRow(
            source, row * cols, cols, columnFlags, excludeFlagged, packed, row * words, words, floatScratch, intScratch);
        if (Group.IsFirstThread)
        {
            rowAbsMax[row] = result.AbsMax;
            if (result.NonFinite != 0)
            {
                Atomic.Add(ref nonFinite[0], result.NonFinite);
            }
        }
    }
}
