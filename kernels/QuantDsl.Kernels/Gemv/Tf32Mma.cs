using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime.Cuda;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// The managed twin of the warp-wide TF32 tensor-core step <c>mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32</c>
/// (D = A·B + C for a 16 × 8 A fragment, an 8 × 8 B fragment and a 16 × 8 fp32 accumulator over the 32 lanes), which
/// <see cref="SkinnyMmaGemm{TWeights}"/>'s K loop runs on ILGPU's CPU accelerator (on CUDA the loop is one inline-PTX
/// block, <see cref="SkinnyMmaPtx"/>: per-instruction asm calls would go through local memory), and the round-to-TF32
/// of its activation split (one <c>cvt.rna.tf32.f32</c> on CUDA). Fragment layout (lane = 0..31, g = lane / 4,
/// t = lane % 4): A registers 0–3 hold rows g, g + 8, g, g + 8 at columns t, t, t + 4, t + 4; B registers 0–1 hold
/// column g at rows t and t + 4; accumulator r is row <c>g + 8·(r / 2)</c>, column <c>2t + (r &amp; 1)</c>. A and B are
/// fp32 bit patterns of which the tensor core reads the TF32 part (sign, exponent, top 10 mantissa bits). Every lane
/// of the warp must call it.
/// </summary>
public static class Tf32Mma
{
    private const string RoundPtx = "cvt.rna.tf32.f32 %0, %1;";

    /// <summary>The low 13 mantissa bits, which TF32 drops.</summary>
    private const uint DroppedBits = 0x1FFFu;

    /// <summary>This lane's four accumulators plus one m16n8k8 TF32 product, by warp shuffles and fp32 multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tf32Accumulator MultiplyAccumulateManaged(Tf32Accumulator c, int a0, int a1, int a2, int a3, int b0, int b1)
    {
        int lane = Warp.LaneIdx;
        int g = lane >> 2;
        int t = lane & 3;
        int col0Lane = (2 * t) << 2;
        int col1Lane = ((2 * t) + 1) << 2;
        float s0 = c.C0, s1 = c.C1, s2 = c.C2, s3 = c.C3;

        // Column k of row g / g + 8 lives in lane 4g + k % 4, register 2·(k / 4) (+1 for g + 8); row k of column n in
        // lane 4n + k % 4, register k / 4. The register choice is uniform over the warp, so every lane shuffles.
        for (int k = 0; k < 8; k++)
        {
            int quarter = k & 3;
            bool high = k >= 4;
            float aLow = Truncate(Warp.Shuffle(high ? a2 : a0, (g << 2) + quarter));
            float aHigh = Truncate(Warp.Shuffle(high ? a3 : a1, (g << 2) + quarter));
            float bCol0 = Truncate(Warp.Shuffle(high ? b1 : b0, col0Lane + quarter));
            float bCol1 = Truncate(Warp.Shuffle(high ? b1 : b0, col1Lane + quarter));
            s0 += aLow * bCol0;
            s1 += aLow * bCol1;
            s2 += aHigh * bCol0;
            s3 += aHigh * bCol1;
        }

        return new Tf32Accumulator { C0 = s0, C1 = s1, C2 = s2, C3 = s3 };
    }

    /// <summary>
    /// <paramref name="value"/> rounded to the nearest TF32 (ties away from zero), as fp32 with the low 13 bits clear.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Round(float value)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit(RoundPtx, out uint rounded, value);
            return Interop.IntAsFloat(rounded);
        }

        return RoundManaged(value);
    }

    /// <summary>The managed twin of <see cref="Round"/> (finite inputs; NaN and infinity pass through).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float RoundManaged(float value)
    {
        uint bits = Interop.FloatAsInt(value);
        if ((bits & 0x7F800000u) == 0x7F800000u)
        {
            return value;
        }

        // Adding half of the dropped range to the magnitude bits rounds ties away from zero (sign-magnitude encoding).
        return Interop.IntAsFloat((bits + 0x1000u) & ~DroppedBits);
    }

    /// <summary>What the tensor core reads of an fp32 bit pattern: its TF32 part.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Truncate(int bits) => Interop.IntAsFloat((uint)bits & ~DroppedBits);
}
