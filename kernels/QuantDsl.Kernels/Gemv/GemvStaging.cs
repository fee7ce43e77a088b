using System.Runtime.CompilerServices;
using ILGPU;

namespace QuantDsl.Kernels.Gemv;

/// <summary>What <see cref="Int8Gemv"/> and <see cref="Fp4Gemv"/> share: the activation staging size and the warp sum.</summary>
public static class GemvStaging
{
    /// <summary>
    /// fp32 activations of all tokens of one K chunk (32 KB; the kernels add one pitch pad per k of a vector). Leaves room
    /// for 6 blocks (48 warps) per SM on a 228 KB Hopper SM, and a chunk of 16 tokens still holds 32 int8 vectors (one
    /// per lane).
    /// </summary>
    public const int Floats = 8192;

    /// <summary>Threads per block of both GEMVs (8 warps).</summary>
    public const int BlockThreads = 256;

    /// <summary>
    /// Stages one token's activations of a K chunk: <c>xs[sharedRow + j·pitch + u] = x[xRow + kBase + u·2^sourceShift + j]</c>
    /// for staged code <c>c = u·2^vectorShift + j</c> below <paramref name="codes"/>, 0 past <paramref name="inFeatures"/>.
    /// With <paramref name="sourceShift"/> = <paramref name="vectorShift"/> the chunk is contiguous in k; one less staged
    /// bit than source bit stages one half of each weight vector. Consecutive threads read consecutive k (coalesced); a
    /// pitch of chunk vectors + 1 spreads the transposed stores over the banks. Eight loads per thread are issued
    /// before the first store, so a chunk of 8192 floats costs each thread four L2 round trips, not eight.
    /// </summary>
    /// <param name="xs">The block's shared staging buffer.</param>
    /// <param name="sharedRow">Shared index of this token's k = 0.</param>
    /// <param name="pitch">Shared distance between consecutive k of one vector.</param>
    /// <param name="vectorShift">log2 of the codes staged per weight vector.</param>
    /// <param name="sourceShift">log2 of the distance in k between consecutive vectors.</param>
    /// <param name="x">Activations.</param>
    /// <param name="xRow">Index of this token's row in <paramref name="x"/>.</param>
    /// <param name="kBase">First k of the chunk.</param>
    /// <param name="codes">Codes staged.</param>
    /// <param name="inFeatures">K.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Stage(ArrayView<float> xs, int sharedRow, int pitch, int vectorShift, int sourceShift, ArrayView<float> x, long xRow, int kBase, int codes, int inFeatures)
    {
        const int threads = BlockThreads;
        int limit = inFeatures - kBase;
        long source = xRow + kBase;
        var layout = new StagingLayout(sharedRow, pitch, vectorShift, sourceShift, codes, limit);
        for (int c = Group.IdxX; c < codes; c += 8 * threads)
        {
            float x0 = layout.Load(x, source, c);
            float x1 = layout.Load(x, source, c + threads);
            float x2 = layout.Load(x, source, c + (2 * threads));
            float x3 = layout.Load(x, source, c + (3 * threads));
            float x4 = layout.Load(x, source, c + (4 * threads));
            float x5 = layout.Load(x, source, c + (5 * threads));
            float x6 = layout.Load(x, source, c + (6 * threads));
            float x7 = layout.Load(x, source, c + (7 * threads));
            layout.Store(xs, c, x0);
            layout.Store(xs, c + threads, x1);
            layout.Store(xs, c + (2 * threads), x2);
            layout.Store(xs, c + (3 * threads), x3);
            layout.Store(xs, c + (4 * threads), x4);
            layout.Store(xs, c + (5 * threads), x5);
            layout.Store(xs, c + (6 * threads), x6);
            layout.Store(xs, c + (7 * threads), x7);
        }
    }

    /// <summary>Sum over the warp by butterfly shuffles (every lane gets the total).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float WarpSum(float value)
    {
        value += Warp.ShuffleXor(value, 16);
        value += Warp.ShuffleXor(value, 8);
        value += Warp.ShuffleXor(value, 4);
        value += Warp.ShuffleXor(value, 2);
        value += Warp.ShuffleXor(value, 1);
        return value;
    }
}
