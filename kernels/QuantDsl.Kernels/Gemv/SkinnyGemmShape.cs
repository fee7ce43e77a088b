namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// The sizes and device addresses of one <see cref="SkinnyMmaGemm{TWeights}"/> call (a struct: ILGPU kernels take at
/// most 12 parameters). Build it with <see cref="SkinnyMmaGemm{TWeights}.Shape"/>.
/// </summary>
public struct SkinnyGemmShape
{
    /// <summary>Tokens, 1 to 16.</summary>
    public int Tokens;

    /// <summary>Output channels.</summary>
    public int OutFeatures;

    /// <summary>Words per weight row, a multiple of 4.</summary>
    public int Words;

    /// <summary>K splits over the grid's y dimension; 1 writes y directly, more write partial sums for <see cref="SkinnyFinish"/>.</summary>
    public int Splits;

    /// <summary>1 to add the bias (read only then).</summary>
    public int HasBias;

    /// <summary>Device address of the split activations' element 0 (the CUDA K loop is inline PTX, and ILGPU device code cannot take a view's address).</summary>
    public long SplitAddress;

    /// <summary>Device address of the weights' element 0.</summary>
    public long WeightsAddress;
}
