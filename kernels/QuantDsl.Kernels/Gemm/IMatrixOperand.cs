namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// A read-only matrix operand of a GEMM, addressed as (row, col) of the operand as it enters the
/// product (A is [M × K], B is [K × N]). Implemented by small structs so ILGPU and the JIT inline the
/// load into the main loop: layout, transposition and dequantization are the operand's business.
/// </summary>
public interface IMatrixOperand
{
    /// <summary>Element (<paramref name="row"/>, <paramref name="col"/>), both in range.</summary>
    float Load(int row, int col);
}
