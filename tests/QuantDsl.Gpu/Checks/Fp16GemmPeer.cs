using ILGPU.Runtime;
using QuantDsl.Gpu.Bench;
using QuantDsl.Oracle;
using QuantDsl.Runtime;
using HalfBuffer = ILGPU.Runtime.MemoryBuffer1D<ushort, ILGPU.Stride1D.Dense>;

namespace QuantDsl.Gpu.Checks;

/// <summary>
/// The full-precision peer of a decode GEMV in the same command: in-process cuBLAS fp16 GEMM (fp32 accumulation) on
/// the same M × K × N, timed back-to-back over rotated weight copies that together exceed the L2, as the GEMV is.
/// Timing only: the bench mode checks cuBLAS's results against a float64 dot.
/// </summary>
internal static class Fp16GemmPeer
{
    /// <summary>The median seconds of cuBLAS fp16 at M × K × N, or null with <paramref name="reason"/> when there is no cuBLAS.</summary>
    public static double? MedianSeconds(GpuBackend gpu, int m, int k, int n, double coldBytes, out string? reason)
    {
        using var cublas = CublasGemm.TryCreate(gpu.Accelerator, out reason);
        if (cublas is null)
        {
            return null;
        }

        ushort[] xHost = Array.ConvertAll(Inputs.Normal(m * k, seed: 21), HalfBits.Fp16);
        ushort[] wHost = Array.ConvertAll(Inputs.Normal(k * n, seed: 22), value => HalfBits.Fp16(0.05f * value));
        int copies = (int)Math.Clamp(Math.Ceiling(coldBytes / (2.0 * wHost.Length)), 1, 16);
        using var xBuffer = gpu.Allocate<ushort>(xHost.Length);
        using var yBuffer = gpu.Allocate<ushort>((long)m * n);
        xBuffer.CopyFromCPU(xHost);
        var weights = new HalfBuffer[copies];
        try
        {
            for (int c = 0; c < copies; c++)
            {
                weights[c] = gpu.Allocate<ushort>(wHost.Length);
                weights[c].CopyFromCPU(wHost);
            }

            int call = 0;
            double ms = BenchTimer.MedianMilliseconds(
                () => cublas.Multiply(xBuffer, weights[call++ % copies], yBuffer, m, n, k, CublasNative.DataFloat16),
                gpu.Synchronize,
                KernelTiming.Repetitions,
                batch: true);
            return ms / 1e3;
        }
        finally
        {
            foreach (var buffer in weights)
            {
                buffer?.Dispose();
            }
        }
    }
}
