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
    /// <summary>Writes output element (<paramref name="row"/>, <paramref name="col"/>) from its int32 accumulator.</summary>
    /// <param name="accumulator">The exact int32 dot product of activation row and weight row.</param>
    /// <param name="row">Output row (token).</param>
    /// <param name="col">Output column (output channel).</param>
    void Store(int accumulator, int row, int col);
}
