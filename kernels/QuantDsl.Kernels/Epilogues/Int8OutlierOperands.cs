using ILGPU;

namespace QuantDsl.Kernels.Epilogues;

/// <summary>
/// Everything the LLM.int8 epilogue reads besides the int32 accumulator, passed to a GEMM kernel as one
/// argument. Shapes: X is [rows × inFeatures] fp32, W is [cols × inFeatures] fp32 (one row per output
/// channel), Wq is the same weight packed as int8 words [cols × weightWords], Y is [rows × cols].
/// </summary>
public struct Int8OutlierOperands
{
    /// <summary>Per-token absmax of X over the non-outlier columns (cx).</summary>
    public ArrayView<float> RowAbsMax;

    /// <summary>Per-output-channel absmax of W (cw).</summary>
    public ArrayView<float> ColAbsMax;

    /// <summary>Bias [cols]; read only when <see cref="HasBias"/> is 1.</summary>
    public ArrayView<float> Bias;

    /// <summary>1 when the layer has a bias.</summary>
    public int HasBias;

    /// <summary>The full-precision activations.</summary>
    public ArrayView<float> X;

    /// <summary>The full-precision weight.</summary>
    public ArrayView<float> W;

    /// <summary>The packed int8 weight (for <c>OutlierWeightsFromInt8</c>).</summary>
    public ArrayView<int> Wq;

    /// <summary>Words per row of <see cref="Wq"/>.</summary>
    public int WeightWords;

    /// <summary>Input features (row length of X and W).</summary>
    public int InFeatures;

    /// <summary>Ascending indices of this call's outlier columns.</summary>
    public ArrayView<int> OutlierIndices;

    /// <summary>One element: how many entries of <see cref="OutlierIndices"/> are valid.</summary>
    public ArrayView<int> OutlierCount;

    /// <summary>The output [rows × cols].</summary>
    public ArrayView<float> Y;
}
