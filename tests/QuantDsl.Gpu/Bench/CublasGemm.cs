using System.Runtime.InteropServices;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using HalfBuffer = ILGPU.Runtime.MemoryBuffer1D<ushort, ILGPU.Stride1D.Dense>;

namespace QuantDsl.Gpu.Bench;

/// <summary>
/// The in-process full-precision peer: cuBLAS GEMM on 16-bit inputs (fp16 or bf16), fp32 accumulation,
/// 16-bit output, on buffers allocated through ILGPU (their NativePtr) and queued on ILGPU's stream. Row-major
/// Y[M × N] = X[M × K]·W[N × K]ᵀ is column-major Yᵀ = W·Xᵀ: cuBLAS computes (N × M) = op_T(W)·op_N(X).
/// </summary>
internal sealed class CublasGemm : IDisposable
{
    private readonly IntPtr handle;

    private CublasGemm(IntPtr handle) => this.handle = handle;

    /// <summary>Creates a handle on <paramref name="accelerator"/>'s default stream, or says why it cannot.</summary>
    public static CublasGemm? TryCreate(Accelerator accelerator, out string? reason)
    {
        reason = null;
        if (accelerator.DefaultStream is not CudaStream stream)
        {
            reason = $"cuBLAS needs a CUDA device; this is {accelerator.AcceleratorType}.";
            return null;
        }

        if (!NativeLibrary.TryLoad(CublasNative.Library, typeof(CublasGemm).Assembly, null, out _))
        {
            reason = $"{CublasNative.Library} is not on the loader path.";
            return null;
        }

        Check(CublasNative.Create(out IntPtr handle), "cublasCreate_v2");
        Check(CublasNative.SetStream(handle, stream.StreamPtr), "cublasSetStream_v2");
        return new CublasGemm(handle);
    }

    /// <summary>Queues Y = X·Wᵀ; <paramref name="dataType"/> is CUDA_R_16F or CUDA_R_16BF for all three.</summary>
    public unsafe void Multiply(HalfBuffer x, HalfBuffer w, HalfBuffer y, int m, int n, int k, int dataType)
    {
        float alpha = 1f, beta = 0f;
        Check(
            CublasNative.GemmEx(
                handle, CublasNative.OpTranspose, CublasNative.OpNone, n, m, k,
                &alpha, w.NativePtr, dataType, k,
                x.NativePtr, dataType, k,
                &beta, y.NativePtr, dataType, n,
                CublasNative.Compute32F, CublasNative.GemmDefault),
            $"cublasGemmEx (M={m}, N={n}, K={k}, type {dataType})");
    }

    public void Dispose() => CublasNative.Destroy(handle);

    private static void Check(int status, string call)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"{call} failed with cuBLAS status {status}.");
        }
    }
}
