using ILGPU;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// Shared-memory tiled fp32 GEMM, <c>C = A·B</c> with A [M × K] and B [K × N] given as operands and C
/// written through an output, on CUDA cores (the backward GEMMs: dX = dY·W_deq, dW += dYᵀ·X).
/// A block of 256 threads computes a 64 × 64 tile; thread (ty, tx) owns rows <c>ty + 16·i</c>, columns
/// <c>tx + 16·j</c>. Each K step of 16 stages A (k-major, padded) and B in shared memory.
/// Products with few output tiles and a long K (the weight gradients: [out × in] with K = tokens) are split along K
/// (<see cref="SliceKernel{TA, TB}"/>, then <see cref="SumSlices{TC}"/> adds the slices in a fixed order), so the
/// whole GPU works on them; <c>QuantDsl.Runtime.DeviceGemm</c> picks the split.
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

    /// <summary>The shallowest K slice worth a block of its own.</summary>
    public const int MinSliceDepth = 256;

    /// <summary>The most K slices of one product.</summary>
    public const int MaxSlices = 32;

    private const int AStride = TileRows + 4;

    /// <summary>Launch shape for an [M × N] result.</summary>
    public static KernelConfig Config(int m, int n) => new(
        new Index2D((n + TileCols - 1) / TileCols, (m + TileRows - 1) / TileRows),
        new Index2D(Threads, 1));

    /// <summary>
    /// How many K slices an [M × N] product of depth K should run as: 1 when its tiles already fill
    /// <paramref name="multiprocessors"/> twice over or K is short, else enough slices (each at least
    /// <see cref="MinSliceDepth"/> deep, at most <see cref="MaxSlices"/>) for about two blocks per multiprocessor.
    /// </summary>
    public static int ChooseSlices(int m, int n, int k, int multiprocessors)
    {
        long tiles = (long)((m + TileRows - 1) / TileRows) * ((n + TileCols - 1) / TileCols);
        long target = 2L * Math.Max(1, multiprocessors);
        if (tiles >= target || k < 2 * MinSliceDepth)
        {
            return 1;
        }

        long wanted = (target + tiles - 1) / tiles;
        return (int)Math.Clamp(Math.Min(wanted, k / MinSliceDepth), 1, MaxSlices);
    }

    /// <summary>K depth of each of <paramref name="slices"/> slices: a whole number of <see cref="TileDepth"/> steps.</summary>
    public static int SliceDepth(int k, int slices)
    {
        int depth = (k + slices - 1) / slices;
        return (depth + TileDepth - 1) / TileDepth * TileDepth;
    }

    /// <summary>Launch shape of <see cref="SliceKernel{TA, TB}"/>: the tiles of [M × N] times the slices.</summary>
    public static KernelConfig SliceConfig(int m, int n, int slices) => new(
        new Index3D((n + TileCols - 1) / TileCols, (m + TileRows - 1) / TileRows, slices),
        new Index3D(Threads, 1, 1));

    /// <summary>Launch shape of <see cref="SumSlices{TC}"/>: one thread per output element (grid-stride beyond).</summary>
    public static KernelConfig SumConfig(int m, int n) => new((int)Math.Clamp(((long)m * n + Threads - 1) / Threads, 1, 65535), Threads);

    /// <summary>The kernel: <c>c.Store(r, n, Σ_k a(r, k)·b(k, n))</c> for every r &lt; m, n &lt; cols.</summary>
    public static void Kernel<TA, TB, TC>(TA a, TB b, TC c, int m, int n, int k)
        where TA : struct, IMatrixOperand
        where TB : struct, IMatrixOperand
        where TC : struct, IMatrixOutput =>
        Tile(a, b, c, m, n, 0, k);

    /// <summary>
    /// Slice <c>s = Grid.IdxZ</c> of a split-K product: <c>partials[s, r, n] = Σ_{k in slice s} a(r, k)·b(k, n)</c>, the
    /// slice covering K indices [s·<paramref name="sliceDepth"/>, (s + 1)·<paramref name="sliceDepth"/>).
    /// </summary>
    public static void SliceKernel<TA, TB>(TA a, TB b, ArrayView<float> partials, int m, int n, int k, int sliceDepth)
        where TA : struct, IMatrixOperand
        where TB : struct, IMatrixOperand
    {
        int slice = Grid.IdxZ;
        long size = (long)m * n;
        var output = new StoreRowMajor(partials.SubView(slice * size, size), n);
        Tile(a, b, output, m, n, slice * sliceDepth, Math.Min(k, (slice + 1) * sliceDepth));
    }

    /// <summary><c>c.Store(r, n, Σ_s partials[s, r, n])</c>, the slices added in ascending order (deterministic).</summary>
    public static void SumSlices<TC>(ArrayView<float> partials, TC c, int m, int n, int slices)
        where TC : struct, IMatrixOutput
    {
        long size = (long)m * n;
        for (long i = Grid.GlobalIndex.X; i < size; i += Grid.DimX * Group.DimX)
        {
            float sum = 0f;
            for (int s = 0; s < slices; s++)
            {
                sum += partials[(s * size) + i];
            }

            int row = (int)(i / n);
            c.Store(row, (int)(i - ((long)row * n)), sum);
        }
    }

    private static void Tile<TA, TB, TC>(TA a, TB b, TC c, int m, int n, int kBegin, int kEnd)
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

        for (int k0 = kBegin; k0 < kEnd; k0 += TileDepth)
        {
            // Stage A as [kk][r] and B as [kk][c]: 1024 elements each, 4 per thread.
            for (int i = tid; i < TileRows * TileDepth; i += Threads)
            {
                int r = i / TileDepth;
                int kk = i - (r * TileDepth);
                int row = row0 + r;
                int kIndex = k0 + kk;
                aTile[(kk * AStride) + r] = row < m && kIndex < kEnd ? a.Load(row, kIndex) : 0f;
            }

            for (int i = tid; i < TileCols * TileDepth; i += Threads)
            {
                int kk = i / TileCols;
                int cc = i - (kk * TileCols);
                int col = col0 + cc;
                int kIndex = k0 + kk;
                bTile[(kk * TileCols) + cc] = col < n && kIndex < kEnd ? b.Load(kIndex, col) : 0f;
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
