using System.Runtime.InteropServices;

namespace QuantDsl.Gpu.Bench;

/// <summary>
/// The few cuBLAS entry points of the full-precision peer (libcublas.so.13 of CUDA 13, on the GPU machine's
/// loader path). Status 0 is CUBLAS_STATUS_SUCCESS.
/// </summary>
internal static partial class CublasNative
{
    public const string Library = "libcublas.so.13";

    /// <summary>cublasOperation_t: CUBLAS_OP_N.</summary>
    public const int OpNone = 0;

    /// <summary>cublasOperation_t: CUBLAS_OP_T.</summary>
    public const int OpTranspose = 1;

    /// <summary>cudaDataType: CUDA_R_16F.</summary>
    public const int DataFloat16 = 2;

    /// <summary>cudaDataType: CUDA_R_16BF.</summary>
    public const int DataBFloat16 = 14;

    /// <summary>cublasComputeType_t: CUBLAS_COMPUTE_32F.</summary>
    public const int Compute32F = 68;

    /// <summary>cublasGemmAlgo_t: CUBLAS_GEMM_DEFAULT.</summary>
    public const int GemmDefault = -1;

    [LibraryImport(Library, EntryPoint = "cublasCreate_v2")]
    public static partial int Create(out IntPtr handle);

    [LibraryImport(Library, EntryPoint = "cublasDestroy_v2")]
    public static partial int Destroy(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "cublasSetStream_v2")]
    public static partial int SetStream(IntPtr handle, IntPtr stream);

    [LibraryImport(Library, EntryPoint = "cublasGemmEx")]
    public static unsafe partial int GemmEx(
        IntPtr handle, int transA, int transB, int m, int n, int k,
        float* alpha, IntPtr a, int aType, int lda,
        IntPtr b, int bType, int ldb,
        float* beta, IntPtr c, int cType, int ldc,
        int computeType, int algo);
}
