using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// Weight-only skinny GEMM on tensor cores for decode batches of 1 to <see cref="MaxTokens"/> tokens:
/// <c>y[t, o] = scale[o]·Σ_k x[t, k]·W[o, k] + bias[o]</c> with int8 or FP4 weights (<typeparamref name="TWeights"/>)
/// and fp32 activations split by <see cref="SkinnyActivations"/> into TF32 high and low parts. The CUDA-core GEMV
/// (<see cref="Int8Gemv"/>) spends 16 fp32 FMAs and their shared-memory operands on each weight at 16 tokens; here each
/// weight is decoded once into a TF32 A fragment and two <c>mma.m16n8k8</c> per 8 tokens (high, low) apply it to all
/// of them, so the tensor cores do the multiply-adds and the weights are read once.
/// <para>
/// Layout: a block of <see cref="WarpsFor"/> warps (8, or 4 past 8 tokens) owns <see cref="ChannelsPerBlock"/> output channels, four 16-channel
/// tiles per warp (the A operand: channels are the mma rows), and the warps split K between them, K block by K block
/// (four 16-byte vectors per row: 64 int8 or 128 FP4 codes), so each warp's lanes load 16 bytes of each of 8 rows per
/// block, coalesced into 64-byte row segments, and request the next block's before using this one's. Because a dot
/// product may sum its k in any order, lane (g, t) takes the codes of its own vector, k = 4·codes·block + codes·t + i,
/// as the mma's k index t (i even) and t + 4 (i odd): one vector feeds codes/2 mma steps without any shuffle. Its
/// activations are the matching <see cref="SplitPair"/> of tokens g and g + 8 from the (L1/L2-resident) split buffer,
/// which the prologue writes in this fragment order so that a warp's load is 512 contiguous bytes. At the end the warps' partial sums meet in shared memory, in a fixed order (deterministic), and the
/// scale and bias are applied once per output.
/// </para>
/// </summary>
/// <typeparam name="TWeights">The weight format: <see cref="Int8SkinnyWeights"/> or <see cref="Fp4SkinnyWeights"/>.</typeparam>
public static class SkinnyMmaGemm<TWeights>
    where TWeights : struct, ISkinnyWeights
{
    /// <summary>Largest token count per launch.</summary>
    public const int MaxTokens = 16;

    /// <summary>Most warps per block (<see cref="WarpsFor"/>); they split K.</summary>
    public const int MaxWarps = 8;

    /// <summary>Output channels per block: four 16-row mma tiles.</summary>
    public const int ChannelsPerBlock = 64;

    /// <summary>Padded token pitch of the shared reduction buffer (one token tile, 8 + 1: conflict-free reads along channels).</summary>
    private const int ReducePitch = 9;

    /// <summary>Fewest K blocks per warp and split: short loops lose more to their first loads than a split gains.</summary>
    private const int MinBlocksPerWarp = 16;

    /// <summary>
    /// Warps per block for <paramref name="tokens"/> tokens: 8 for one token tile (up to 8 tokens), 4 for two. At 141
    /// registers a thread one 8-warp block fits per SM; the second tile's loop (with its activations loaded one step
    /// ahead) in 4-warp blocks was 8–11 % faster at 16 tokens on the H200, while 4 warps made 1–8 tokens 4–27 % slower
    /// (BENCHMARKS, 2026-12-03). kernels/tools/generate_skinny_mma.py writes each PTX loop for its warp count.
    /// </summary>
    public static int WarpsFor(int tokens) => tokens <= 8 ? MaxWarps : MaxWarps / 2;

    /// <summary>One block of <see cref="WarpsFor"/> warps per <see cref="ChannelsPerBlock"/> output channels and K split.</summary>
    public static KernelConfig Config(SkinnyGemmShape shape) =>
        new(new Index3D((shape.OutFeatures + ChannelsPerBlock - 1) / ChannelsPerBlock, shape.Splits, 1), new Index3D(WarpsFor(shape.Tokens) * 32, 1, 1));

    /// <summary>The specialized column-tile count for <paramref name="tokens"/> tokens: 1 up to 8 tokens, else 2.</summary>
    public static SpecializedValue<int> TokenTiles(int tokens) => SpecializedValue.New(tokens <= 8 ? 1 : 2);

    /// <summary>
    /// Host side: the call's shape, with K split over the grid only when the channels alone give fewer blocks than SMs
    /// and every warp keeps at least <see cref="MinBlocksPerWarp"/> K blocks per split (measured on the H200: splitting
    /// 4096 × 11008 four ways, 2 K blocks per warp, made the call 1.2–1.3× slower).
    /// </summary>
    /// <param name="split">The split activations (<see cref="SkinnyActivations"/>).</param>
    /// <param name="weights">Packed weights [outFeatures × words].</param>
    /// <param name="tokens">1 to <see cref="MaxTokens"/>.</param>
    /// <param name="outFeatures">Output channels.</param>
    /// <param name="words">Words per weight row, a multiple of 4.</param>
    /// <param name="hasBias">Whether to add the bias.</param>
    /// <param name="multiprocessors">The accelerator's SM count (1 keeps K whole).</param>
    /// <param name="splits">A K split to use instead of the chosen one (tests), clamped so every warp has a K block.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public static SkinnyGemmShape Shape(
        ArrayView<SplitPair> split, ArrayView<int> weights, int tokens, int outFeatures, int words, bool hasBias, int multiprocessors, int? splits = null)
    {
        if (tokens < 1 || tokens > MaxTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(tokens), tokens, $"The skinny GEMM takes 1 to {MaxTokens} tokens.");
        }

        if (outFeatures < 1 || words < 4 || words % 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(words), words, $"Need at least one output channel ({outFeatures}) and rows of whole 16-byte vectors (words a positive multiple of 4).");
        }

        int channelBlocks = (outFeatures + ChannelsPerBlock - 1) / ChannelsPerBlock;
        int kBlocks = SkinnyActivations.Blocks(words);
        int warps = WarpsFor(tokens);
        int wanted = (multiprocessors + channelBlocks - 1) / channelBlocks;
        int chosen = splits is int forced
            ? Math.Clamp(forced, 1, Math.Max(1, kBlocks / warps))
            : Math.Clamp(wanted, 1, Math.Max(1, kBlocks / (warps * MinBlocksPerWarp)));
        return new SkinnyGemmShape
        {
            Tokens = tokens,
            OutFeatures = outFeatures,
            Words = words,
            Splits = chosen,
            HasBias = hasBias ? 1 : 0,
            SplitAddress = split.LoadEffectiveAddressAsPtr().ToInt64(),
            WeightsAddress = weights.LoadEffectiveAddressAsPtr().ToInt64(),
        };
    }

    /// <summary>Floats of the partial-sum buffer a K-split call writes (1 when it has one split).</summary>
    public static long PartialFloats(SkinnyGemmShape shape) => shape.Splits == 1 ? 1 : (long)shape.Splits * shape.Tokens * shape.OutFeatures;

    /// <summary>Computes y [tokens × outFeatures], or with K splits the partial sums for <see cref="SkinnyFinish"/> (see the type summary).</summary>
    /// <param name="split">The activations split by <see cref="SkinnyActivations.Kernel"/> for these weights' words.</param>
    /// <param name="weights">Packed weights [outFeatures × words], 16-byte aligned (device buffers are).</param>
    /// <param name="scales">Per-output-channel scale.</param>
    /// <param name="bias">Per-output-channel bias.</param>
    /// <param name="y">Output [tokens × outFeatures] (one split).</param>
    /// <param name="partial">[splits × tokens × outFeatures] unscaled partial sums (more than one split).</param>
    /// <param name="shape">The call's sizes (<see cref="Shape"/>).</param>
    /// <param name="tokenTiles">1 (up to 8 tokens) or 2 (up to 16): <see cref="TokenTiles"/>.</param>
    public static void Kernel(
        ArrayView<SplitPair> split, ArrayView<int> weights, ArrayView<float> scales, ArrayView<float> bias, ArrayView<float> y,
        ArrayView<float> partial, SkinnyGemmShape shape, SpecializedValue<int> tokenTiles)
    {
        int tokens = shape.Tokens, outFeatures = shape.OutFeatures, words = shape.Words;
        var reduce = SharedMemory.Allocate<float>(MaxWarps * ChannelsPerBlock * ReducePitch);
        int codes = default(TWeights).CodesPerVector;
        bool twoTiles = tokenTiles.Value == 2;

        // A constant once the tile count is specialized (WarpsFor of this call's tokens).
        int warps = twoTiles ? MaxWarps / 2 : MaxWarps;
        int lane = Warp.LaneIdx;
        int warp = Group.IdxX >> 5;
        int g = lane >> 2;
        int t = lane & 3;
        int channel0 = Grid.IdxX * ChannelsPerBlock;
        int vectorsPerRow = words >> 2;
        int blocks = (vectorsPerRow + 3) >> 2;
        int steps = codes >> 1;

        // This block's K range (grid y splits K); its warps take every warps-th K block of it.
        int perSplit = (blocks + shape.Splits - 1) / shape.Splits;
        int firstBlock = (Grid.IdxY * perSplit) + warp;
        int endBlock = Math.Min(blocks, (Grid.IdxY + 1) * perSplit);
        long tilePairs = (long)blocks * steps * 32;
        var vectors = weights.Cast<WeightVector>();

        // Rows past the last channel read the last row (no early return: the whole block meets at the barrier).
        long row0 = RowStart(channel0 + g, outFeatures, vectorsPerRow);
        long row1 = RowStart(channel0 + g + 8, outFeatures, vectorsPerRow);
        long row2 = RowStart(channel0 + g + 16, outFeatures, vectorsPerRow);
        long row3 = RowStart(channel0 + g + 24, outFeatures, vectorsPerRow);
        long row4 = RowStart(channel0 + g + 32, outFeatures, vectorsPerRow);
        long row5 = RowStart(channel0 + g + 40, outFeatures, vectorsPerRow);
        long row6 = RowStart(channel0 + g + 48, outFeatures, vectorsPerRow);
        long row7 = RowStart(channel0 + g + 56, outFeatures, vectorsPerRow);

        var sums = default(SkinnySums);
        if (CudaAsm.IsSupported)
        {
            // The same loop as below, in PTX registers: lane addresses of its first block, then the generated block.
            long first = (4L * firstBlock) + t;
            var rows = new SkinnyRowAddresses
            {
                Row0 = shape.WeightsAddress + ((row0 + first) * 16),
                Row1 = shape.WeightsAddress + ((row1 + first) * 16),
                Row2 = shape.WeightsAddress + ((row2 + first) * 16),
                Row3 = shape.WeightsAddress + ((row3 + first) * 16),
                Row4 = shape.WeightsAddress + ((row4 + first) * 16),
                Row5 = shape.WeightsAddress + ((row5 + first) * 16),
                Row6 = shape.WeightsAddress + ((row6 + first) * 16),
                Row7 = shape.WeightsAddress + ((row7 + first) * 16),
            };
            long x = shape.SplitAddress + ((((long)firstBlock * steps * 32) + lane) * 16);
            long xStride = tilePairs * 16;
            sums = SkinnyMmaLoop.Run(codes == 32, twoTiles, rows, x, xStride, firstBlock, endBlock, vectorsPerRow - t);
        }
        else
        {
            var current = default(SkinnyTileWeights);
            if (firstBlock < endBlock)
            {
                current = Load(vectors, (4 * firstBlock) + t, vectorsPerRow, row0, row1, row2, row3, row4, row5, row6, row7);
            }

            for (int block = firstBlock; block < endBlock; block += warps)
            {
                var next = default(SkinnyTileWeights);
                if (block + warps < endBlock)
                {
                    next = Load(vectors, (4 * (block + warps)) + t, vectorsPerRow, row0, row1, row2, row3, row4, row5, row6, row7);
                }

                // The split buffer is in fragment order: this lane's pair of step s is at (block·steps + s)·32 + lane.
                long pairs = ((long)block * steps * 32) + lane;
                sums = Steps8(sums, current, split, pairs, pairs + tilePairs, 0, twoTiles);
                if (codes == 32)
                {
                    sums = Steps8(sums, current, split, pairs, pairs + tilePairs, 16, twoTiles);
                }

                current = next;
            }
        }

        // Partial sums of the warps meet in shared memory, one token tile at a time (half the buffer, so two blocks fit
        // per SM): accumulator r of channel tile n is channel 16n + g + 8·(r / 2), token 2t + (r & 1) of the tile.
        Park(reduce, warp, g, 2 * t, sums.Tile0N0, sums.Tile1N0, sums.Tile2N0, sums.Tile3N0);
        Group.Barrier();
        Finish(reduce, warps, 0, Math.Min(tokens, 8), channel0, scales, bias, y, partial, shape);
        if (twoTiles)
        {
            Group.Barrier();
            Park(reduce, warp, g, 2 * t, sums.Tile0N1, sums.Tile1N1, sums.Tile2N1, sums.Tile3N1);
            Group.Barrier();
            Finish(reduce, warps, 8, tokens - 8, channel0, scales, bias, y, partial, shape);
        }
    }

    /// <summary>
    /// Sums the warps' parked partials of <paramref name="count"/> tokens from <paramref name="firstToken"/>: scaled and
    /// biased into y with one split, else unscaled into this split's slice of the partial buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(
        ArrayView<float> reduce, int warps, int firstToken, int count, int channel0, ArrayView<float> scales, ArrayView<float> bias, ArrayView<float> y, ArrayView<float> partial, SkinnyGemmShape shape)
    {
        int outFeatures = shape.OutFeatures;
        for (int index = Group.IdxX; index < ChannelsPerBlock * count; index += warps * 32)
        {
            int token = index / ChannelsPerBlock;
            int channel = index - (token * ChannelsPerBlock);
            int output = channel0 + channel;
            if (output < outFeatures)
            {
                float sum = 0f;
                for (int w = 0; w < warps; w++)
                {
                    sum += reduce[(((w * ChannelsPerBlock) + channel) * ReducePitch) + token];
                }

                long at = ((long)(firstToken + token) * outFeatures) + output;
                if (shape.Splits == 1)
                {
                    y[at] = (sum * scales[output]) + (shape.HasBias == 1 ? bias[output] : 0f);
                }
                else
                {
                    partial[((long)Grid.IdxY * shape.Tokens * outFeatures) + at] = sum;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long RowStart(int channel, int outFeatures, int vectorsPerRow) => (long)Math.Min(channel, outFeatures - 1) * vectorsPerRow;

    /// <summary>This lane's vector <paramref name="vector"/> of its eight rows; zero past the row's end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SkinnyTileWeights Load(
        ArrayView<WeightVector> vectors, int vector, int vectorsPerRow, long row0, long row1, long row2, long row3, long row4, long row5, long row6, long row7)
    {
        var w = default(SkinnyTileWeights);
        if (vector < vectorsPerRow)
        {
            w.Tile0Low = vectors[row0 + vector];
            w.Tile0High = vectors[row1 + vector];
            w.Tile1Low = vectors[row2 + vector];
            w.Tile1High = vectors[row3 + vector];
            w.Tile2Low = vectors[row4 + vector];
            w.Tile2High = vectors[row5 + vector];
            w.Tile3Low = vectors[row6 + vector];
            w.Tile3High = vectors[row7 + vector];
        }

        return w;
    }

    /// <summary>Eight mma steps: codes <paramref name="first"/> .. first + 15 of this lane's vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SkinnySums Steps8(SkinnySums sums, SkinnyTileWeights w, ArrayView<SplitPair> split, long kA, long kB, int first, bool twoTiles)
    {
        sums = Step(sums, w, split, kA, kB, first, twoTiles);
        sums = Step(sums, w, split, kA, kB, first + 2, twoTiles);
        sums = Step(sums, w, split, kA, kB, first + 4, twoTiles);
        sums = Step(sums, w, split, kA, kB, first + 6, twoTiles);
        sums = Step(sums, w, split, kA, kB, first + 8, twoTiles);
        sums = Step(sums, w, split, kA, kB, first + 10, twoTiles);
        sums = Step(sums, w, split, kA, kB, first + 12, twoTiles);
        return Step(sums, w, split, kA, kB, first + 14, twoTiles);
    }

    /// <summary>
    /// One k8 step: codes <paramref name="code"/> (mma k = t) and code + 1 (k = t + 4) of each row, against the split
    /// activations of tokens g (and g + 8) at the same k; high and low parts into the same accumulator.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SkinnySums Step(SkinnySums sums, SkinnyTileWeights w, ArrayView<SplitPair> split, long kA, long kB, int code, bool twoTiles)
    {
        var a = split[kA + ((code >> 1) * 32)];
        var b = twoTiles ? split[kB + ((code >> 1) * 32)] : default;
        sums.Tile0N0 = Tile(sums.Tile0N0, w.Tile0Low, w.Tile0High, code, a);
        sums.Tile1N0 = Tile(sums.Tile1N0, w.Tile1Low, w.Tile1High, code, a);
        sums.Tile2N0 = Tile(sums.Tile2N0, w.Tile2Low, w.Tile2High, code, a);
        sums.Tile3N0 = Tile(sums.Tile3N0, w.Tile3Low, w.Tile3High, code, a);
        if (twoTiles)
        {
            sums.Tile0N1 = Tile(sums.Tile0N1, w.Tile0Low, w.Tile0High, code, b);
            sums.Tile1N1 = Tile(sums.Tile1N1, w.Tile1Low, w.Tile1High, code, b);
            sums.Tile2N1 = Tile(sums.Tile2N1, w.Tile2Low, w.Tile2High, code, b);
            sums.Tile3N1 = Tile(sums.Tile3N1, w.Tile3Low, w.Tile3High, code, b);
        }

        return sums;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Tf32Accumulator Tile(Tf32Accumulator c, WeightVector low, WeightVector high, int code, SplitPair x)
    {
        var format = default(TWeights);
        int a0 = (int)Interop.FloatAsInt(format.Decode(low, code));
        int a1 = (int)Interop.FloatAsInt(format.Decode(high, code));
        int a2 = (int)Interop.FloatAsInt(format.Decode(low, code + 1));
        int a3 = (int)Interop.FloatAsInt(format.Decode(high, code + 1));
        c = Tf32Mma.MultiplyAccumulateManaged(c, a0, a1, a2, a3, (int)Interop.FloatAsInt(x.High0), (int)Interop.FloatAsInt(x.High1));
        return Tf32Mma.MultiplyAccumulateManaged(c, a0, a1, a2, a3, (int)Interop.FloatAsInt(x.Low0), (int)Interop.FloatAsInt(x.Low1));
    }

    /// <summary>Stores one token tile's accumulators of the four channel tiles at [warp][channel][token].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Park(ArrayView<float> reduce, int warp, int g, int token, Tf32Accumulator c0, Tf32Accumulator c1, Tf32Accumulator c2, Tf32Accumulator c3)
    {
        int start = (((warp * ChannelsPerBlock) + g) * ReducePitch) + token;
        ParkTile(reduce, start, c0);
        ParkTile(reduce, start + (16 * ReducePitch), c1);
        ParkTile(reduce, start + (32 * ReducePitch), c2);
        ParkTile(reduce, start + (48 * ReducePitch), c3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ParkTile(ArrayView<float> reduce, int start, Tf32Accumulator c)
    {
        reduce[start] = c.C0;
        reduce[start + 1] = c.C1;
        reduce[start + (8 * ReducePitch)] = c.C2;
        reduce[start + (8 * ReducePitch) + 1] = c.C3;
    }
}
