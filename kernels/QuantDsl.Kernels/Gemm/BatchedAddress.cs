using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>The first element of the (batch, head) slice a batched GEMM launch works on (<c>Grid.IdxZ</c> = b·heads + h).</summary>
public static class BatchedAddress
{
    /// <summary>Launch shape of <see cref="Fp32Gemm.Kernel"/> over <paramref name="batches"/> independent [M × N] products.</summary>
    public static KernelConfig Config(int m, int n, int batches) => new(
        new Index3D((n + Fp32Gemm.TileCols - 1) / Fp32Gemm.TileCols, (m + Fp32Gemm.TileRows - 1) / Fp32Gemm.TileRows, batches),
        new Index3D(Fp32Gemm.Threads, 1, 1));

    /// <summary><c>offset + b·batchStride + h·headStride</c> for this group's slice.</summary>
    public static int Of(int offset, int batchStride, int headStride, int heads)
    {
        int z = Grid.IdxZ;
        int b = z / heads;
        return offset + (b * batchStride) + ((z - (b * heads)) * headStride);
    }
}
