using ILGPU;
using ILGPU.Runtime;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// The packed int8 operands of <see cref="Int8MmaGemm"/> with their device addresses: A [rows × words] and B
/// [cols × words] codes, K-contiguous, four per word, K padded with zero codes to <see cref="Int8MmaGemm.KMultiple"/>.
/// The addresses are read on the host (<see cref="Create"/>) because inline PTX (<c>cp.async</c>) needs them and ILGPU
/// device code cannot take a view's address; the views serve the managed twin and bounds.
/// </summary>
public struct Int8MmaOperands
{
    /// <summary>Activations, [rows × words].</summary>
    public ArrayView<int> A;

    /// <summary>Weights, [cols × words].</summary>
    public ArrayView<int> B;

    /// <summary>Device address of <see cref="A"/>[0].</summary>
    public long AAddress;

    /// <summary>Device address of <see cref="B"/>[0].</summary>
    public long BAddress;

    /// <summary>Output rows (tokens).</summary>
    public int Rows;

    /// <summary>Output columns (channels).</summary>
    public int Cols;

    /// <summary>Words per operand row (a multiple of 8).</summary>
    public int Words;

    /// <summary>
    /// Row bands per group of the block order (<see cref="Int8MmaGemm.GroupRows"/> by <see cref="Create"/>; 1 is plain
    /// row-major order, kept so the harness can time both in one run).
    /// </summary>
    public int GroupRows;

    /// <summary>Host side: the operands of one GEMM call.</summary>
    /// <param name="a">Activations, [rows × words].</param>
    /// <param name="b">Weights, [cols × words].</param>
    /// <param name="rows">Output rows.</param>
    /// <param name="cols">Output columns.</param>
    /// <param name="words">Words per operand row, a multiple of <see cref="Int8MmaGemm.KMultiple"/> / 4.</param>
    public static Int8MmaOperands Create(ArrayView<int> a, ArrayView<int> b, int rows, int cols, int words)
    {
        if (words % (Int8MmaGemm.KMultiple / 4) != 0)
        {
            throw new ArgumentException($"Words per row ({words}) must be a multiple of {Int8MmaGemm.KMultiple / 4}.", nameof(words));
        }

        return new Int8MmaOperands
        {
            A = a,
            B = b,
            AAddress = a.LoadEffectiveAddressAsPtr().ToInt64(),
            BAddress = b.LoadEffectiveAddressAsPtr().ToInt64(),
            Rows = rows,
            Cols = cols,
            Words = words,
            GroupRows = Int8MmaGemm.GroupRows,
        };
    }
}
