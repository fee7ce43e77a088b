using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// The plainest epilogue: stores the exact int32 accumulator row-major into <see cref="Output"/> [rows × cols], so a
/// main loop can be compared bit for bit with an integer oracle (tests and the GPU harness).
/// </summary>
/// <param name="output">Destination, [rows × cols].</param>
/// <param name="cols">Row stride of the destination.</param>
public readonly struct Int32StoreEpilogue(ArrayView<int> output, int cols) : IInt8TileEpilogue
{
    /// <summary>Destination, [rows × cols].</summary>
    public ArrayView<int> Output { get; } = output;

    /// <summary>Row stride of the destination.</summary>
    public int Cols { get; } = cols;

    /// <inheritdoc/>
    public void Store(int accumulator, int row, int col) => Output[((long)row * Cols) + col] = accumulator;
}
