using System.Runtime.CompilerServices;
using ILGPU.Runtime.Cuda;
using QuantDsl.Kernels.Formats;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// Four-way int8 dot product with int32 accumulation: <c>c + Σ a[i]·b[i]</c> over the four signed bytes
/// of each word. On CUDA it is one <c>dp4a.s32.s32</c> instruction; elsewhere (ILGPU's CPU accelerator,
/// plain .NET) the managed twin computes the same exact integer.
/// </summary>
public static class Dp4a
{
    private const string Ptx = "dp4a.s32.s32 %0, %1, %2, %3;";

    /// <summary>Returns <c>c + Σᵢ a.byte[i] · b.byte[i]</c> (signed bytes, exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Accumulate(int a, int b, int c)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit(Ptx, out int result, a, b, c);
            return result;
        }

        return c
            + (Int8Format.Unpack(a, 0) * Int8Format.Unpack(b, 0))
            + (Int8Format.Unpack(a, 1) * Int8Format.Unpack(b, 1))
            + (Int8Format.Unpack(a, 2) * Int8Format.Unpack(b, 2))
            + (Int8Format.Unpack(a, 3) * Int8Format.Unpack(b, 3));
    }
}
