using ILGPU;

namespace QuantDsl.Kernels.Epilogues;

/// <summary>
/// Everything the LLM.int8 epilogue reads besides the int32 accumulator, passed to a GEMM kernel as one
/// argument. Shapes: X is [rows × inFeatures] fp32, W is [cols × inFeatures] fp32 (one row per output
/// channel), Wq is the same weight packed as int8 words [cols × weightWords], Y is [rows × cols]. The outlier term
/// reads the compact copies <see cref="OutlierX"/> and <see cref="OutlierW"/> when the outlier count fits their
/// capacity (and <see cref="OutliersInPlace"/> is 0), and X with W or Wq otherwise.
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

    /// <summary>
    /// This call's outlier columns of X, compact: [rows × count], row stride count (see <see cref="Gpu.OutlierGather"/>).
    /// Valid only when the count is at most <see cref="Gpu.OutlierGather.Capacity"/>.
    /// </summary>
    public ArrayView<float> OutlierX;

    /// <summary>
    /// The outlier columns of the weight the outlier term uses (fp32, or dequantized int8 codes), compact: [cols × count],
    /// row stride count. Valid only when the count is at most <see cref="Gpu.OutlierGather.Capacity"/>.
    /// </summary>
    public ArrayView<float> OutlierW;

    /// <summary>
    /// 1 when <see cref="OutlierX"/> and <see cref="OutlierW"/> were not filled and the outlier term reads X and W (or Wq)
    /// in place whatever the count (the one-token forward, <see cref="Gpu.OneTokenOutliers"/>: same products in the same
    /// order, so the same bits).
    /// </summary>
    public int OutliersInPlace;

    /// <summary>The output [rows × cols].</summary>
    public ArrayView<float> Y;
}
