using System.Runtime.CompilerServices;
using ILGPU.Runtime.Cuda;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// PTX <c>prmt.b32</c> (default mode): picks four bytes out of the eight of <c>{high, low}</c>, byte n of the result
/// being byte <c>(selector >> 4n) &amp; 7</c> (0–3 from <c>low</c>, 4–7 from <c>high</c>). One ALU instruction on CUDA
/// where a shift, a mask and an OR would be three; the managed twin (ILGPU's CPU accelerator, plain .NET) computes the
/// same word. Selector nibbles with bit 3 set (PTX's sign replication) are not supported.
/// </summary>
internal static class BytePermute
{
    private const string Ptx = "prmt.b32 %0, %1, %2, %3;";

    /// <summary>The four bytes of <c>{high, low}</c> chosen by <paramref name="selector"/> (see the type summary).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Select(uint low, uint high, uint selector)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit(Ptx, out uint result, low, high, selector);
            return result;
        }

        ulong bytes = ((ulong)high << 32) | low;
        uint word = 0;
        for (int n = 0; n < 4; n++)
        {
            int source = (int)((selector >> (4 * n)) & 7u);
            word |= (uint)((bytes >> (8 * source)) & 0xFFu) << (8 * n);
        }

        return word;
    }
}
