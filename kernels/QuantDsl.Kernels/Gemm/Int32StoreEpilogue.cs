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

    /// <inheritdoc/>
    public void Prepare(ArrayView<int> shared, int row0, int col0, int blockRows, int blockCols, int rows, int cols)
    {
        // Nothing to stage: each output is its own accumulator.
    }

    /// <inheritdoc/>
    public void StorePair(int first, int second, int row, int col)
    {
        Store(first, row, col);
        if (col + 1 < Cols)
        {
            Store(second, row, col + 1);
        }
    }

    /// <inheritdoc/>
    public void StoreQuad(int top, int topNext, int bottom, int bottomNext, int row, int col)
    {
        StorePair(top, topNext, row, col);
        StorePair(bottom, bottomNext, row + 8, col);
    }
}
