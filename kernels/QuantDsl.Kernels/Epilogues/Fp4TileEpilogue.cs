using ILGPU;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Gemm;

namespace QuantDsl.Kernels.Epilogues;

/// <summary>
/// GPU epilogue of the exact FP4 GEMM: <c>y[r, c] = acc · 0.25/(γx[r]·γw[c]) + b[c]</c> (acc is the sum of doubled-code
/// products), written to a row-major [rows × <see cref="Cols"/>] output.
/// </summary>
public struct Fp4TileEpilogue : IInt8TileEpilogue
{
    /// <summary>γ per token.</summary>
    public ArrayView<float> RowGamma;

    /// <summary>γ per output channel.</summary>
    public ArrayView<float> ColGamma;

    /// <summary>The bias (read only when <see cref="HasBias"/> is 1).</summary>
    public ArrayView<float> Bias;

    /// <summary>1 when the layer has a bias.</summary>
    public int HasBias;

    /// <summary>The output.</summary>
    public ArrayView<float> Y;

    /// <summary>Output columns.</summary>
    public int Cols;

    /// <inheritdoc/>
    public readonly void Store(int accumulator, int row, int col)
    {
        float y = accumulator * E2M1.ProductFactor / (RowGamma[row] * ColGamma[col]);
        if (HasBias != 0)
        {
            y += Bias[col];
        }

        Y[(row * Cols) + col] = y;
    }

    /// <inheritdoc/>
    public readonly void Prepare(ArrayView<int> shared, int row0, int col0, int blockRows, int blockCols, int rows, int cols)
    {
        // Nothing staged: two scale loads per output, no outlier term.
    }

    /// <inheritdoc/>
    public readonly void StorePair(int first, int second, int row, int col)
    {
        Store(first, row, col);
        if (col + 1 < Cols)
        {
            Store(second, row, col + 1);
        }
    }

    /// <inheritdoc/>
    public readonly void StoreQuad(int top, int topNext, int bottom, int bottomNext, int row, int col)
    {
        StorePair(top, topNext, row, col);
        StorePair(bottom, bottomNext, row + 8, col);
    }
}
