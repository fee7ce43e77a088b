namespace QuantDsl.Kernels.Gemm;

/// <summary>Where a GEMM writes element (row, col) of its [M × N] result: store, accumulate, scale …</summary>
public interface IMatrixOutput
{
    /// <summary>Writes the finished sum for (<paramref name="row"/>, <paramref name="col"/>), both in range.</summary>
    void Store(int row, int col, float value);
}
