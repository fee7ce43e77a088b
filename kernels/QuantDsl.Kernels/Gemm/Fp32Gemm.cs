using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// Shared-memory tiled fp32 GEMM, <c>C = A·B</c> with A [M × K] and B [K × N] given as operands and C
/// written through an output, on CUDA cores (the backward GEMMs: dX = dY·W_deq, dW += dYᵀ·X).
/// A block of 256 threads computes a 64 × 64 tile; thread (ty, tx) owns rows <c>ty + 16·i</c>, columns
/// <c>tx + 16·j</c>. Each K step of 16 stages A (k-major, padded) and B in shared memory.
/// </summary>
public static class Fp32Gemm
{
    /// <summary>Output rows per block.</summary>
    public const int TileRows = 64;

    /// <summary>Output columns per block.</summary>
    public const int TileCols = 64;

    /// <summary>K depth of one shared-memory stage.</summary>
    public const int TileDepth = 16;

    /// <summary>Threads per block.</summary>
    public const int Threads = 256;

    private const int AStride = TileRows + 4;

    /// <summary>Launch shape for an [M × N] result.</summary>
    public static KernelConfig Config(int m, int n) => new(
        new Index2D((n + TileCols - 1) / TileCols, (m + TileRows - 1) / TileRows),
        new Index2D(Threads, 1));

    /// <summary>The kernel: <c>c.Store(r, n, Σ_k a(r, k)·b(k, n))</c> for every r &lt; m, n &lt; cols.</summary>
    public static void Kernel<TA, TB, TC>(TA a, TB b, TC c, int m, int n, int k)
        where TA : struct, IMatrixOperand
        where TB : struct, IMatrixOperand
        where TC : struct, IMatrixOutput
    {
        var aTile = SharedMemory.Allocate<float>(TileDepth * AStride);
        var bTile = SharedMemory.Allocate<float>(TileDepth * TileCols);
        int tid = Group.IdxX;
        int ty = tid / 16;
        int tx = tid - (ty * 16);
        int row0 = Grid.IdxY * TileRows;
        int col0 = Grid.IdxX * TileCols;

        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;

        for (int k0 = 0; k0 < k; k0 += TileDepth)
        {
            // Stage A as [kk][r] and B as [kk][c]: 1024 elements each, 4 per thread.
            for (int i = tid; i < TileRows * TileDepth; i += Threads)
            {
                int r = i / TileDepth;
                int kk = i - (r * TileDepth);
                int row = row0 + r;
                int kIndex = k0 + kk;
                aTile[(kk * AStride) + r] = row < m && kIndex < k ? a.Load(row, kIndex) : 0f;
            }

            for (int i = tid; i < TileCols * TileDepth; i += Threads)
            {
                int kk = i / TileCols;
                int cc = i - (kk * TileCols);
                int col = col0 + cc;
                int kIndex = k0 + kk;
                bTile[(kk * TileCols) + cc] = col < n && kIndex < k ? b.Load(kIndex, col) : 0f;
            }

            Group.Barrier();
            for (int kk = 0; kk < TileDepth; kk++)
            {
                int aBase = (kk * AStride) + ty;
                int bBase = (kk * TileCols) + tx;
                float a0 = aTile[aBase], a1 = aTile[aBase + 16], a2 = aTile[aBase + 32], a3 = aTile[aBase + 48];
                float b0 = bTile[bBase], b1 = bTile[bBase + 16], b2 = bTile[bBase + 32], b3 = bTile[bBase + 48];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }

            Group.Barrier();
        }

        int r0 = row0 + ty, r1 = r0 + 16, r2 = r0 + 32, r3 = r0 + 48;
        int n0 = col0 + tx, n1 = n0 + 16, n2 = n0 + 32, n3 = n0 + 48;
        StoreRow(c, r0, m, n0, n1, n2, n3, n, c00, c01, c02, c03);
        StoreRow(c, r1, m, n0, n1, n2, n3, n, c10, c11, c12, c13);
        StoreRow(c, r2, m, n0, n1, n2, n3, n, c20, c21, c22, c23);
        StoreRow(c, r3, m, n0, n1, n2, n3, n, c30, c31, c32, c33);
    }

    private static void StoreRow<TC>(
        TC c, int row, int m, int n0, int n1, int n2, int n3, int n, float v0, float v1, float v2, float v3)
        where TC : struct, IMatrixOutput
    {
        if (row >= m)
        {
            return;
        }

        if (n0 < n)
        {
            c.Store(row, n0, v0);
        }

        if (n1 < n)
        {
            c.Store(row, n1, v1);
        }

        if (n2 < n)
        {
            c.Store(row, n2, v2);
        }

        if (n3 < n)
        {
            c.Store(row, n3, v3);
        }
    }
}
