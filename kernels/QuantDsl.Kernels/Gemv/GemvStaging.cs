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
    /// Stages one token's activations of a K chunk: <c>xs[sharedRow + j·pitch + u] = x[xRow + kBase + u·2^vectorShift + j]</c>
    /// for the chunk's <paramref name="codes"/> codes, 0 past <paramref name="inFeatures"/>. Consecutive threads read
    /// consecutive k (coalesced); a pitch of chunk vectors + 1 spreads the transposed stores over the banks. Four loads per
    /// thread are issued before the first store, so the block does not wait out one L2 round trip per element.
    /// </summary>
    /// <param name="xs">The block's shared staging buffer.</param>
    /// <param name="sharedRow">Shared index of this token's k = 0.</param>
    /// <param name="pitch">Shared distance between consecutive k of one vector.</param>
    /// <param name="vectorShift">log2 of the codes per weight vector.</param>
    /// <param name="x">Activations.</param>
    /// <param name="xRow">Index of this token's row in <paramref name="x"/>.</param>
    /// <param name="kBase">First k of the chunk.</param>
    /// <param name="codes">Codes in the chunk.</param>
    /// <param name="inFeatures">K.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Stage(ArrayView<float> xs, int sharedRow, int pitch, int vectorShift, ArrayView<float> x, long xRow, int kBase, int codes, int inFeatures)
    {
        int mask = (1 << vectorShift) - 1;
        const int threads = BlockThreads;
        for (int c = Group.IdxX; c < codes; c += 4 * threads)
        {
            int c1 = c + threads;
            int c2 = c + (2 * threads);
            int c3 = c + (3 * threads);
            float x0 = kBase + c < inFeatures ? x[xRow + kBase + c] : 0f;
            float x1 = c1 < codes && kBase + c1 < inFeatures ? x[xRow + kBase + c1] : 0f;
            float x2 = c2 < codes && kBase + c2 < inFeatures ? x[xRow + kBase + c2] : 0f;
            float x3 = c3 < codes && kBase + c3 < inFeatures ? x[xRow + kBase + c3] : 0f;
            xs[sharedRow + ((c & mask) * pitch) + (c >> vectorShift)] = x0;
            if (c1 < codes)
            {
                xs[sharedRow + ((c1 & mask) * pitch) + (c1 >> vectorShift)] = x1;
            }

            if (c2 < codes)
            {
                xs[sharedRow + ((c2 & mask) * pitch) + (c2 >> vectorShift)] = x2;
            }

            if (c3 < codes)
            {
                xs[sharedRow + ((c3 & mask) * pitch) + (c3 >> vectorShift)] = x3;
            }
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
