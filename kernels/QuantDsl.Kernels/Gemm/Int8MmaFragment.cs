using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime.Cuda;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// The warp-wide int8 tensor-core step <c>mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32</c>: D = A·B + C for a
/// 16 × 32 A fragment, a 32 × 8 B fragment and a 16 × 8 int32 accumulator spread over the 32 lanes. On CUDA it is
/// the one PTX instruction; elsewhere (ILGPU's CPU accelerator) a managed twin gathers the operands with warp
/// shuffles and computes the same exact integers. Fragment layout (GPU.md, lane = 0..31, g = lane / 4,
/// t = lane % 4): A register r holds the four codes of row <c>g + 8·(r &amp; 1)</c>, k <c>4t + 16·(r / 2) .. +3</c>;
/// B register r holds column g, k <c>4t + 16r .. +3</c>; accumulator r is row <c>g + 8·(r / 2)</c>, column
/// <c>2t + (r &amp; 1)</c>. Every lane of the warp must call it (it is a warp-collective operation).
/// </summary>
public static class Int8MmaFragment
{
    private const string Ptx =
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};";

    /// <summary>Accumulates one m16n8k32 product into this lane's four accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAccumulate(
        ref int c0, ref int c1, ref int c2, ref int c3, int a0, int a1, int a2, int a3, int b0, int b1)
    {
        if (CudaAsm.IsSupported)
        {
            Ref<int> d0 = c0, d1 = c1, d2 = c2, d3 = c3;
            Input<int> x0 = a0, x1 = a1, x2 = a2, x3 = a3, y0 = b0, y1 = b1;
            CudaAsm.EmitRef(Ptx, ref d0, ref d1, ref d2, ref d3, ref x0, ref x1, ref x2, ref x3, ref y0, ref y1);
            c0 = d0.Value;
            c1 = d1.Value;
            c2 = d2.Value;
            c3 = d3.Value;
            return;
        }

        MultiplyAccumulateManaged(ref c0, ref c1, ref c2, ref c3, a0, a1, a2, a3, b0, b1);
    }

    /// <summary>The managed twin of <see cref="MultiplyAccumulate"/> (warp shuffles and dp4a), for any accelerator.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAccumulateManaged(
        ref int c0, ref int c1, ref int c2, ref int c3, int a0, int a1, int a2, int a3, int b0, int b1)
    {
        int lane = Warp.LaneIdx;
        int g = lane >> 2;
        int t = lane & 3;
        int col0Lane = (2 * t) << 2;
        int col1Lane = ((2 * t) + 1) << 2;
        int s0 = 0, s1 = 0, s2 = 0, s3 = 0;

        // k word kw (codes 4kw..4kw+3) of row g / g+8 lives in lane 4g + kw % 4, register (kw / 4)·2 (+1 for g+8);
        // of column n in lane 4n + kw % 4, register kw / 4. The register choice is uniform, so every lane shuffles.
        for (int kw = 0; kw < 8; kw++)
        {
            int quarter = kw & 3;
            bool high = kw >= 4;
            int aLow = Warp.Shuffle(high ? a2 : a0, (g << 2) + quarter);
            int aHigh = Warp.Shuffle(high ? a3 : a1, (g << 2) + quarter);
            int bCol0 = Warp.Shuffle(high ? b1 : b0, col0Lane + quarter);
            int bCol1 = Warp.Shuffle(high ? b1 : b0, col1Lane + quarter);
            s0 = Dp4a.Accumulate(aLow, bCol0, s0);
            s1 = Dp4a.Accumulate(aLow, bCol1, s1);
            s2 = Dp4a.Accumulate(aHigh, bCol0, s2);
            s3 = Dp4a.Accumulate(aHigh, bCol1, s3);
        }

        c0 += s0;
        c1 += s1;
        c2 += s2;
        c3 += s3;
    }
}
