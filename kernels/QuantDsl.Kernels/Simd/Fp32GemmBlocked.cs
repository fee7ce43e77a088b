using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QuantDsl.Kernels.Simd;

/// <summary>
/// The blocked fp32 GEMM behind <see cref="Fp32GemmCpu.Multiply"/> (BLIS order): op(A) is packed once into 6-row
/// micro-panels ([k × 6] each), op(B) per task into 16-column micro-panels of one K block ([KC × 16] each, kept in L2),
/// and a 6 × 16 FMA micro-kernel keeps its 12 accumulators in Vector256 registers for a whole K block. Tasks are
/// (row block, column block) pairs, so both cores stay busy from M = 4 up.
/// </summary>
internal static class Fp32GemmBlocked
{
    internal const int MR = 6;
    internal const int NR = 16;
    internal const int KC = 256;
    internal const int NC = 128;

    // Below this much work (multiply-adds) the thread-pool hand-off costs more than it saves.
    private const long SequentialWork = 1L << 21;

    internal static void Multiply(
        float[] a, int aOffset, int lda, bool transposeA,
        float[] b, int bOffset, int ldb, bool transposeB,
        float[] c, int cOffset, int ldc,
        int m, int n, int k, bool accumulate)
    {
        int microPanels = (m + MR - 1) / MR;
        var packedA = ArrayPool<float>.Shared.Rent(microPanels * MR * k);
        try
        {
            bool parallel = (long)m * n * k >= SequentialWork && Environment.ProcessorCount > 1;
            if (parallel)
            {
                Parallel.For(0, microPanels, panel => PackA(a, aOffset, lda, transposeA, m, k, panel, packedA));
            }
            else
            {
                for (int panel = 0; panel < microPanels; panel++)
                {
                    PackA(a, aOffset, lda, transposeA, m, k, panel, packedA);
                }
            }

            int columnBlocks = (n + NC - 1) / NC;
            int wanted = parallel ? 4 * Environment.ProcessorCount : 1;
            int rowBlocks = Math.Clamp((wanted + columnBlocks - 1) / columnBlocks, 1, microPanels);
            int panelsPerRowBlock = (microPanels + rowBlocks - 1) / rowBlocks;
            rowBlocks = (microPanels + panelsPerRowBlock - 1) / panelsPerRowBlock;
            int tasks = rowBlocks * columnBlocks;
            void Task(int task)
            {
                var packedB = ArrayPool<float>.Shared.Rent(KC * NC);
                try
                {
                    int col0 = (task % columnBlocks) * NC;
                    int cols = Math.Min(NC, n - col0);
                    int panel0 = (task / columnBlocks) * panelsPerRowBlock;
                    int panel1 = Math.Min(panel0 + panelsPerRowBlock, microPanels);
                    Block(packedA, b, bOffset, ldb, transposeB, c, cOffset, ldc, m, k, col0, cols, panel0, panel1, accumulate, packedB);
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(packedB);
                }
            }

            if (parallel && tasks > 1)
            {
                Parallel.For(0, tasks, Task);
            }
            else
            {
                for (int task = 0; task < tasks; task++)
                {
                    Task(task);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(packedA);
        }
    }

    /// <summary>One (row block, column block) of C over all of K, one K block at a time.</summary>
    private static void Block(
        float[] packedA, float[] b, int bOffset, int ldb, bool transposeB, float[] c, int cOffset, int ldc,
        int m, int k, int col0, int cols, int panel0, int panel1, bool accumulate, float[] packedB)
    {
        int columnPanels = (cols + NR - 1) / NR;
        Span<float> tile = stackalloc float[MR * NR];
        for (int pc = 0; pc < k; pc += KC)
        {
            int kc = Math.Min(KC, k - pc);
            PackB(b, bOffset, ldb, transposeB, pc, kc, col0, cols, packedB);

            // After the first K block C holds a partial sum: later blocks add to it.
            bool add = accumulate || pc > 0;
            for (int j = 0; j < columnPanels; j++)
            {
                ref float bPanel = ref packedB[j * kc * NR];
                int colsHere = Math.Min(NR, cols - (j * NR));
                for (int i = panel0; i < panel1; i++)
                {
                    ref float aPanel = ref packedA[(i * k * MR) + (pc * MR)];
                    int rowsHere = Math.Min(MR, m - (i * MR));
                    int cIndex = cOffset + (i * MR * ldc) + col0 + (j * NR);
                    if (rowsHere == MR && colsHere == NR)
                    {
                        Kernel(ref aPanel, ref bPanel, kc, ref c[cIndex], ldc, add);
                    }
                    else
                    {
                        // Edge tile: compute the full 6 × 16 into scratch, then store only what lies inside C.
                        Kernel(ref aPanel, ref bPanel, kc, ref tile[0], NR, add: false);
                        for (int r = 0; r < rowsHere; r++)
                        {
                            var source = tile.Slice(r * NR, colsHere);
                            var target = new Span<float>(c, cIndex + (r * ldc), colsHere);
                            if (add)
                            {
                                for (int col = 0; col < colsHere; col++)
                                {
                                    target[col] += source[col];
                                }
                            }
                            else
                            {
                                source.CopyTo(target);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Micro-panel <paramref name="panel"/> of op(A): element (r, p) at <c>panel·k·6 + p·6 + r</c>; rows past m are 0.</summary>
    private static void PackA(float[] a, int aOffset, int lda, bool transposeA, int m, int k, int panel, float[] packed)
    {
        int row0 = panel * MR;
        int rows = Math.Min(MR, m - row0);
        var target = new Span<float>(packed, panel * k * MR, k * MR);
        if (rows < MR)
        {
            target.Clear();
        }

        if (transposeA)
        {
            // A stored [k × m]: the 6 rows of op(A) at step p are 6 consecutive floats of stored row p.
            for (int p = 0; p < k; p++)
            {
                new ReadOnlySpan<float>(a, aOffset + (p * lda) + row0, rows).CopyTo(target.Slice(p * MR, rows));
            }

            return;
        }

        for (int r = 0; r < rows; r++)
        {
            var source = new ReadOnlySpan<float>(a, aOffset + ((row0 + r) * lda), k);
            for (int p = 0; p < source.Length; p++)
            {
                target[(p * MR) + r] = source[p];
            }
        }
    }

    /// <summary>Columns [col0, col0 + cols) of op(B) rows [pc, pc + kc): panel j at <c>j·kc·16</c>, element (p, cc) at <c>+ p·16 + cc</c>; columns past the block are 0.</summary>
    private static void PackB(float[] b, int bOffset, int ldb, bool transposeB, int pc, int kc, int col0, int cols, float[] packed)
    {
        int panels = (cols + NR - 1) / NR;
        for (int j = 0; j < panels; j++)
        {
            int colsHere = Math.Min(NR, cols - (j * NR));
            var target = new Span<float>(packed, j * kc * NR, kc * NR);
            if (colsHere < NR)
            {
                target.Clear();
            }

            if (!transposeB)
            {
                // B stored [k × n]: 16 consecutive floats of stored row pc + p.
                for (int p = 0; p < kc; p++)
                {
                    new ReadOnlySpan<float>(b, bOffset + ((pc + p) * ldb) + col0 + (j * NR), colsHere).CopyTo(target.Slice(p * NR, colsHere));
                }

                continue;
            }

            // B stored [n × k]: each column of op(B) is a contiguous stored row. Full panels transpose 8 × 8 blocks in
            // registers (a scalar scatter of all of B cost more than the multiply at M = 16); the rest is scattered.
            int done = 0;
            if (Avx.IsSupported && colsHere == NR)
            {
                int first = bOffset + ((col0 + (j * NR)) * ldb) + pc;
                for (; done <= kc - 8; done += 8)
                {
                    Transpose8x8(b, first + done, ldb, target, done * NR);
                    Transpose8x8(b, first + (8 * ldb) + done, ldb, target, (done * NR) + 8);
                }
            }

            for (int cc = 0; cc < colsHere; cc++)
            {
                var source = new ReadOnlySpan<float>(b, bOffset + ((col0 + (j * NR) + cc) * ldb) + pc, kc);
                for (int p = done; p < source.Length; p++)
                {
                    target[(p * NR) + cc] = source[p];
                }
            }
        }
    }

    /// <summary>
    /// Eight stored rows (8 floats each, at <paramref name="source"/> + i·<paramref name="ld"/>) become eight 8-float
    /// groups of the packed panel, group p at <paramref name="target"/>[<paramref name="targetIndex"/> + p·16].
    /// </summary>
    private static void Transpose8x8(float[] b, int source, int ld, Span<float> target, int targetIndex)
    {
        ref float s = ref b[source];
        var r0 = Vector256.LoadUnsafe(ref s);
        var r1 = Vector256.LoadUnsafe(ref s, (nuint)ld);
        var r2 = Vector256.LoadUnsafe(ref s, (nuint)(2 * ld));
        var r3 = Vector256.LoadUnsafe(ref s, (nuint)(3 * ld));
        var r4 = Vector256.LoadUnsafe(ref s, (nuint)(4 * ld));
        var r5 = Vector256.LoadUnsafe(ref s, (nuint)(5 * ld));
        var r6 = Vector256.LoadUnsafe(ref s, (nuint)(6 * ld));
        var r7 = Vector256.LoadUnsafe(ref s, (nuint)(7 * ld));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        ref float d = ref target[targetIndex];
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref d);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref d, NR);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref d, 2 * NR);
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref d, 3 * NR);
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref d, 4 * NR);
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref d, 5 * NR);
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref d, 6 * NR);
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref d, 7 * NR);
    }

    /// <summary>
    /// C[0..6, 0..16] (row stride <paramref name="ldc"/>) = or += Σ_p a[p·6 + r]·b[p·16 + col]: 12 accumulators, two
    /// 8-wide weight loads and six broadcasts per step, one FMA each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel(ref float a, ref float b, int kc, ref float c, int ldc, bool add)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref b, (nuint)(p * NR));
            var b1 = Vector256.LoadUnsafe(ref b, (nuint)((p * NR) + 8));
            ref float ap = ref Unsafe.Add(ref a, p * MR);
            var a0 = Vector256.Create(ap);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(Unsafe.Add(ref ap, 1));
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(Unsafe.Add(ref ap, 2));
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(Unsafe.Add(ref ap, 3));
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(Unsafe.Add(ref ap, 4));
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(Unsafe.Add(ref ap, 5));
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
        }

        Store(ref c, c00, c01, add);
        Store(ref Unsafe.Add(ref c, ldc), c10, c11, add);
        Store(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, add);
        Store(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, add);
        Store(ref Unsafe.Add(ref c, 4 * ldc), c40, c41, add);
        Store(ref Unsafe.Add(ref c, 5 * ldc), c50, c51, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float row, Vector256<float> low, Vector256<float> high, bool add)
    {
        if (add)
        {
            low += Vector256.LoadUnsafe(ref row);
            high += Vector256.LoadUnsafe(ref row, 8);
        }

        low.StoreUnsafe(ref row);
        high.StoreUnsafe(ref row, 8);
    }
}
