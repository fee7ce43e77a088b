using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// The epilogue of a GPU int8 GEMM main loop (SIMT <c>dp4a</c> or tensor-core <c>mma.sync</c>): turns the exact
/// int32 sum <c>Σ_k a[row, k]·b[col, k]</c> of one output element into the stored result (dequantization scales,
/// bias, high-precision correction terms). Main loops call it only for <c>row &lt; rows</c> and <c>col &lt; cols</c>,
/// so one implementation serves every main loop and tile shape. Implementations are small structs (passed by value
/// to the kernel) whose fields are the views and scalars the epilogue reads.
/// </summary>
public interface IInt8TileEpilogue
{
    /// <summary>
    /// Called once by every thread of the block after the main loop and before any store, with the main loop's shared
    /// ring (free by then): an epilogue may copy what each of the block's outputs reads (per-row and per-column scales,
    /// compact outlier columns) into it once, instead of every output reloading it from global memory behind the stores.
    /// Main loops that do not call it get the unstaged behaviour; an epilogue must work either way.
    /// </summary>
    /// <param name="shared">The block's shared memory, free for the epilogue.</param>
    /// <param name="row0">First output row of the block's tile.</param>
    /// <param name="col0">First output column of the block's tile.</param>
    /// <param name="blockRows">Output rows of a tile.</param>
    /// <param name="blockCols">Output columns of a tile.</param>
    /// <param name="rows">Output rows of the whole product.</param>
    /// <param name="cols">Output columns of the whole product.</param>
    void Prepare(ArrayView<int> shared, int row0, int col0, int blockRows, int blockCols, int rows, int cols);

    /// <summary>Writes output element (<paramref name="row"/>, <paramref name="col"/>) from its int32 accumulator.</summary>
    /// <param name="accumulator">The exact int32 dot product of activation row and weight row.</param>
    /// <param name="row">Output row (token).</param>
    /// <param name="col">Output column (output channel).</param>
    void Store(int accumulator, int row, int col);

    /// <summary>
    /// Writes the two adjacent outputs (<paramref name="row"/>, <paramref name="col"/>) and (row, col + 1) — one
    /// 8-byte store where the layout allows — or only the first when col + 1 is past the last column.
    /// </summary>
    /// <param name="first">Accumulator of (row, col).</param>
    /// <param name="second">Accumulator of (row, col + 1); ignored when col + 1 is past the last column.</param>
    /// <param name="row">Output row (token).</param>
    /// <param name="col">Output column, even.</param>
    void StorePair(int first, int second, int row, int col);

    /// <summary>
    /// Writes the pairs (<paramref name="row"/>, col..col + 1) and (row + 8, col..col + 1): the four outputs one
    /// accumulator fragment of an mma m16n8 tile gives a thread, so an epilogue can interleave their work (four
    /// independent chains instead of two). Called only when both rows are inside the product.
    /// </summary>
    /// <param name="top">Accumulator of (row, col).</param>
    /// <param name="topNext">Accumulator of (row, col + 1); ignored when col + 1 is past the last column.</param>
    /// <param name="bottom">Accumulator of (row + 8, col).</param>
    /// <param name="bottomNext">Accumulator of (row + 8, col + 1); ignored when col + 1 is past the last column.</param>
    /// <param name="row">Output row of the top pair.</param>
    /// <param name="col">Output column, even.</param>
    void StoreQuad(int top, int topNext, int bottom, int bottomNext, int row, int col);
}
