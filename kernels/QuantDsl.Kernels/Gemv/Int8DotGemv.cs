using System.Runtime.CompilerServices;
using ILGPU;
using QuantDsl.Kernels.Gemm;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// The one-token int8 × int8 product of the GEMM core as a GEMV: <c>y[0, o] = epilogue(Σ_k a[0, k]·b[o, k])</c> over the
/// packed codes of <see cref="Int8MmaOperands"/> (one activation row, weight rows [cols × words]), with the same exact int32
/// sums as the tensor-core tiles, so a layer's epilogue gives the same bits either way. For a decode step the tiles
/// stream the weights in 64-byte row chunks behind a 64-row MMA that is 1/64 used (≈ 20 µs for the 16 MB of a 4096²
/// layer on an H200, under 1 TB/s); here each warp owns <see cref="ChannelsPerWarp"/> weight rows and its lanes load
/// <see cref="VectorsPerStep"/> 16-byte vectors of each per step, all issued before any is used, and multiply them
/// with <c>dp4a</c> (one instruction per four codes, <see cref="Dp4a"/>), so the pass is the weight read. The activation
/// vectors (K bytes, read by every warp) come from L1/L2. The warp sums meet in a butterfly; lanes 0 and 1 call the
/// epilogue for the two channels (unstaged: <see cref="IInt8TileEpilogue.Prepare"/> is not called).
/// </summary>
public static class Int8DotGemv
{
    /// <summary>Threads per block (8 warps; nothing is shared between them).</summary>
    public const int Threads = 256;

    /// <summary>Weight rows (output channels) per warp.</summary>
    public const int ChannelsPerWarp = 2;

    /// <summary>Output channels per block.</summary>
    public const int ChannelsPerBlock = ChannelsPerWarp * (Threads / 32);

    /// <summary>
    /// 16-byte vectors each lane loads per channel and step (256 bytes in flight per lane: with four, the H200 read a
    /// 4096² layer's weights at 2.2 TB/s, latency-bound with 15 warps per SM; a 4096-code row is one step).
    /// </summary>
    public const int VectorsPerStep = 8;

    /// <summary>The launch for <paramref name="cols"/> output channels.</summary>
    /// <param name="cols">Output channels (weight rows).</param>
    public static KernelConfig Config(int cols) => new((cols + ChannelsPerBlock - 1) / ChannelsPerBlock, Threads);

    /// <summary>Computes row 0 of <c>epilogue(A·Bᵀ)</c> (see the type summary). <c>gemm.Words</c> must be a multiple of 4.</summary>
    /// <typeparam name="TEpilogue">The layer's epilogue (scales, outlier term, bias).</typeparam>
    /// <param name="gemm">Packed operands: A holds the one activation row; its K split fields are ignored.</param>
    /// <param name="epilogue">Called once per output channel with the exact int32 sum.</param>
    public static void Kernel<TEpilogue>(Int8MmaOperands gemm, TEpilogue epilogue)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        int lane = Warp.LaneIdx;
        int channel = ((Grid.IdxX * (Threads / 32)) + (Group.IdxX >> 5)) * ChannelsPerWarp;
        if (channel >= gemm.Cols)
        {
            return;
        }

        var vectors = gemm.B.Cast<WeightVector>();
        var activations = gemm.A.Cast<WeightVector>();
        int perRow = gemm.Words >> 2;

        // A warp's second channel past the last one re-reads the last row and stores nothing.
        long row0 = (long)channel * perRow;
        long row1 = (long)IntrinsicMath.Min(channel + 1, gemm.Cols - 1) * perRow;

        // Two chains per channel (the even and the odd vectors of a step) halve the dependent dp4a latency.
        int even0 = 0, odd0 = 0, even1 = 0, odd1 = 0;
        for (int v = lane; v < perRow; v += 32 * VectorsPerStep)
        {
            // Every load of the step before any use; vectors past the row are zeros (they add nothing).
            var x0 = activations[v];
            var w00 = vectors[row0 + v];
            var w10 = vectors[row1 + v];
            var x1 = WeightVector.LoadOrZero(activations, 0, v + 32, perRow);
            var w01 = WeightVector.LoadOrZero(vectors, row0, v + 32, perRow);
            var w11 = WeightVector.LoadOrZero(vectors, row1, v + 32, perRow);
            var x2 = WeightVector.LoadOrZero(activations, 0, v + 64, perRow);
            var w02 = WeightVector.LoadOrZero(vectors, row0, v + 64, perRow);
            var w12 = WeightVector.LoadOrZero(vectors, row1, v + 64, perRow);
            var x3 = WeightVector.LoadOrZero(activations, 0, v + 96, perRow);
            var w03 = WeightVector.LoadOrZero(vectors, row0, v + 96, perRow);
            var w13 = WeightVector.LoadOrZero(vectors, row1, v + 96, perRow);
            var x4 = WeightVector.LoadOrZero(activations, 0, v + 128, perRow);
            var w04 = WeightVector.LoadOrZero(vectors, row0, v + 128, perRow);
            var w14 = WeightVector.LoadOrZero(vectors, row1, v + 128, perRow);
            var x5 = WeightVector.LoadOrZero(activations, 0, v + 160, perRow);
            var w05 = WeightVector.LoadOrZero(vectors, row0, v + 160, perRow);
            var w15 = WeightVector.LoadOrZero(vectors, row1, v + 160, perRow);
            var x6 = WeightVector.LoadOrZero(activations, 0, v + 192, perRow);
            var w06 = WeightVector.LoadOrZero(vectors, row0, v + 192, perRow);
            var w16 = WeightVector.LoadOrZero(vectors, row1, v + 192, perRow);
            var x7 = WeightVector.LoadOrZero(activations, 0, v + 224, perRow);
            var w07 = WeightVector.LoadOrZero(vectors, row0, v + 224, perRow);
            var w17 = WeightVector.LoadOrZero(vectors, row1, v + 224, perRow);

            even0 = Dot(Dot(Dot(Dot(even0, w00, x0), w02, x2), w04, x4), w06, x6);
            odd0 = Dot(Dot(Dot(Dot(odd0, w01, x1), w03, x3), w05, x5), w07, x7);
            even1 = Dot(Dot(Dot(Dot(even1, w10, x0), w12, x2), w14, x4), w16, x6);
            odd1 = Dot(Dot(Dot(Dot(odd1, w11, x1), w13, x3), w15, x5), w17, x7);
        }

        int sum0 = WarpSum(even0 + odd0);
        int sum1 = WarpSum(even1 + odd1);
        if (lane == 0)
        {
            epilogue.Store(sum0, 0, channel);
        }
        else if (lane == 1 && channel + 1 < gemm.Cols)
        {
            epilogue.Store(sum1, 0, channel + 1);
        }
    }

    // acc + the 16 products of one weight vector and its activation vector, four dp4a (int32, exact).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Dot(int acc, WeightVector w, WeightVector x) =>
        Dp4a.Accumulate(w.W, x.W, Dp4a.Accumulate(w.Z, x.Z, Dp4a.Accumulate(w.Y, x.Y, Dp4a.Accumulate(w.X, x.X, acc))));

    // The warp's total in every lane (integer adds: exact in any order).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WarpSum(int value)
    {
        value += Warp.ShuffleXor(value, 16);
        value += Warp.ShuffleXor(value, 8);
        value += Warp.ShuffleXor(value, 4);
        value += Warp.ShuffleXor(value, 2);
        value += Warp.ShuffleXor(value, 1);
        return value;
    }
}
