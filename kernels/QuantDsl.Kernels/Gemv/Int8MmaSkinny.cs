using System.Runtime.CompilerServices;
using ILGPU;
using QuantDsl.Kernels.Gemm;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// The int8 × int8 product of the GEMM core for decode batches of 2 to <see cref="MaxRows"/> tokens, on tensor cores with
/// the weights as the mma's A operand: <c>y[t, o] = epilogue(Σ_k a[t, k]·b[o, k])</c> over the packed codes of
/// <see cref="Int8MmaOperands"/>, with the same exact int32 sums as the tiles and <see cref="Int8DotGemv"/> (so a layer's
/// epilogue gives the same bits on every path). The 64 × 128 tile is at most 16/64 used at these sizes and stages every
/// weight through shared memory; here each block owns <see cref="ChannelsPerBlock"/> output channels (the 16 rows of
/// <c>mma.m16n8k32</c>), its <see cref="Warps"/> warps split K, and each lane loads its fragments straight from global
/// memory, <see cref="VectorsPerStep"/> 16-byte vectors of each of its two weight rows per step, all issued before any
/// is used, so the pass is the weight read.
/// <para>
/// Fragment order: a dot product may sum its k in any order, so lane (g, t) takes the 16 codes of its own vector of
/// weight rows g and g + 8, k = 16·(4·j + t) .. +15, as the mma's k slots 4t (words 0, 2) and 16 + 4t (words 1, 3) of
/// two k32 steps, and the same vector of tokens g and g + 8 as the B fragments of the two 8-token tiles: no shuffle,
/// and each row's four lanes read 64 contiguous bytes. Rows past the last token or channel are clamped to the last one
/// (their products land only in outputs that are not stored). At the end the warps' accumulators meet in shared memory
/// (integer adds: exact in any order) and each output is stored once through the unstaged epilogue
/// (<see cref="IInt8TileEpilogue.Prepare"/> is not called).
/// </para>
/// </summary>
public static class Int8MmaSkinny
{
    /// <summary>Most tokens (activation rows) per launch: two 8-column mma tiles.</summary>
    public const int MaxRows = 16;

    /// <summary>Output channels per block: the 16 rows of the mma's A operand.</summary>
    public const int ChannelsPerBlock = 16;

    /// <summary>Warps per block; they split K, chunk by chunk.</summary>
    public const int Warps = 8;

    /// <summary>Threads per block.</summary>
    public const int Threads = Warps * 32;

    /// <summary>
    /// 16-byte vectors each lane loads per weight row and step (with the activations', 16 loads and 256 bytes in flight
    /// per lane); a warp's step covers 4 × this many vectors of every row.
    /// </summary>
    public const int VectorsPerStep = 4;

    // Vectors of a row one warp step covers (four lanes per row).
    private const int VectorsPerChunk = 4 * VectorsPerStep;

    // Partial sums per warp in shared memory: [token][channel].
    private const int PartialsPerWarp = MaxRows * ChannelsPerBlock;

    /// <summary>Most K splits over the grid (<see cref="Config(int, int)"/>).</summary>
    public const int MaxKSplits = 8;

    /// <summary>The launch for <paramref name="cols"/> output channels, K whole.</summary>
    /// <param name="cols">Output channels (weight rows).</param>
    public static KernelConfig Config(int cols) => Config(cols, 1);

    /// <summary>
    /// The launch for <paramref name="cols"/> output channels with K split <paramref name="splits"/> ways over grid Z: the
    /// splits' partial sums meet in <see cref="Int8MmaOperands.SplitSums"/> by atomics and the last block of each channel
    /// block (<see cref="Int8MmaOperands.SplitTickets"/>, one ticket per block: <see cref="Blocks"/>) stores the totals,
    /// leaving the workspace zero (as the tiles' split, <see cref="Int8SplitK"/>). More blocks keep more weight bytes in
    /// flight per SM when the channel blocks alone are too few.
    /// </summary>
    /// <param name="cols">Output channels (weight rows).</param>
    /// <param name="splits">1 to <see cref="MaxKSplits"/>.</param>
    public static KernelConfig Config(int cols, int splits) => new(new Index3D(Blocks(cols), 1, splits), new Index3D(Threads, 1, 1));

    /// <summary>Channel blocks for <paramref name="cols"/> output channels (the tickets a K split needs).</summary>
    /// <param name="cols">Output channels.</param>
    public static int Blocks(int cols) => (cols + ChannelsPerBlock - 1) / ChannelsPerBlock;

    /// <summary>
    /// <paramref name="splits"/> reduced to what <paramref name="words"/> words per row can feed: 1 to
    /// <see cref="MaxKSplits"/>, and at most one split per group of the block's warp chunks (no split without work).
    /// </summary>
    /// <param name="words">Packed words per operand row, a multiple of 4.</param>
    /// <param name="splits">The requested split.</param>
    public static int NormalizeKSplits(int words, int splits)
    {
        int rounds = ((words >> 2) + (Warps * VectorsPerChunk) - 1) / (Warps * VectorsPerChunk);
        return Math.Clamp(splits, 1, Math.Max(1, Math.Min(MaxKSplits, rounds)));
    }

    /// <summary>
    /// The operands with K split <paramref name="splits"/> ways (normalized by <see cref="NormalizeKSplits"/>; 1 clears
    /// the split): launch with <see cref="Config(int, int)"/> and the returned <see cref="Int8MmaOperands.KSplits"/>.
    /// </summary>
    /// <param name="operands">The product's operands.</param>
    /// <param name="splits">The requested split.</param>
    /// <param name="sums">Workspace of at least rows × cols int32, all zero (kept zero by the kernel).</param>
    /// <param name="tickets">At least <see cref="Blocks"/> counters, all zero (kept zero by the kernel).</param>
    /// <exception cref="ArgumentException">The workspace is too small (the message names the shapes).</exception>
    public static Int8MmaOperands WithKSplits(Int8MmaOperands operands, int splits, ArrayView<int> sums, ArrayView<int> tickets)
    {
        var split = operands;
        split.KSplits = NormalizeKSplits(operands.Words, splits);
        if (split.KSplits == 1)
        {
            split.SplitSums = default;
            split.SplitTickets = default;
            return split;
        }

        int blocks = Blocks(operands.Cols);
        if (sums.Length < (long)operands.Rows * operands.Cols || tickets.Length < blocks)
        {
            throw new ArgumentException(
                $"A K split of the [{operands.Rows} × {operands.Cols}] skinny int8 product needs {(long)operands.Rows * operands.Cols} workspace sums and {blocks} tickets; got {sums.Length} and {tickets.Length}.");
        }

        split.SplitSums = sums;
        split.SplitTickets = tickets;
        return split;
    }

    /// <summary>Whether the kernel takes a product of <paramref name="rows"/> tokens and <paramref name="words"/> words per row.</summary>
    /// <param name="rows">Tokens.</param>
    /// <param name="words">Packed words per operand row.</param>
    public static bool Supports(int rows, int words) => rows >= 1 && rows <= MaxRows && (words & 3) == 0;

    /// <summary>
    /// Computes <c>epilogue(A·Bᵀ)</c> for up to <see cref="MaxRows"/> rows (see the type summary). <c>gemm.Words</c> must be a
    /// multiple of 4 (<see cref="Supports"/>).
    /// </summary>
    /// <typeparam name="TEpilogue">The layer's epilogue (scales, outlier term, bias).</typeparam>
    /// <param name="gemm">Packed operands: A holds the activation rows; its K split fields are ignored.</param>
    /// <param name="epilogue">Called once per output with the exact int32 sum.</param>
    public static void Kernel<TEpilogue>(Int8MmaOperands gemm, TEpilogue epilogue)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        var partials = SharedMemory.Allocate<int>(Warps * PartialsPerWarp);
        int warp = Group.IdxX >> 5;
        int lane = Warp.LaneIdx;
        int g = lane >> 2;
        int t = lane & 3;
        int channel0 = Grid.IdxX * ChannelsPerBlock;
        int perRow = gemm.Words >> 2;
        var weights = gemm.B.Cast<WeightVector>();
        var activations = gemm.A.Cast<WeightVector>();

        var starts = new SkinnyRowStarts(gemm, channel0, g, perRow);
        bool secondTile = gemm.Rows > 8;

        // Tile 0 (tokens 0–7) and tile 1 (tokens 8–15): c0/c1 channel g, tokens 2t/2t+1; c2/c3 channel g + 8.
        int a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        // Split z of Grid.DimZ takes every Grid.DimZ-th group of the warps' chunks.
        int stride = Grid.DimZ * Warps * VectorsPerChunk;
        for (int chunk = ((Grid.IdxZ * Warps) + warp) * VectorsPerChunk; chunk < perRow; chunk += stride)
        {
            int v = chunk + t;

            // Every load of the step before any use; vectors past the row are zeros (they add nothing).
            var w0 = WeightVector.LoadOrZero(weights, starts.WeightLow, v, perRow);
            var u0 = WeightVector.LoadOrZero(weights, starts.WeightHigh, v, perRow);
            var x0 = WeightVector.LoadOrZero(activations, starts.TokenLow, v, perRow);
            var y0 = WeightVector.LoadOrZero(activations, starts.TokenHigh, v, perRow);
            var w1 = WeightVector.LoadOrZero(weights, starts.WeightLow, v + 4, perRow);
            var u1 = WeightVector.LoadOrZero(weights, starts.WeightHigh, v + 4, perRow);
            var x1 = WeightVector.LoadOrZero(activations, starts.TokenLow, v + 4, perRow);
            var y1 = WeightVector.LoadOrZero(activations, starts.TokenHigh, v + 4, perRow);
            var w2 = WeightVector.LoadOrZero(weights, starts.WeightLow, v + 8, perRow);
            var u2 = WeightVector.LoadOrZero(weights, starts.WeightHigh, v + 8, perRow);
            var x2 = WeightVector.LoadOrZero(activations, starts.TokenLow, v + 8, perRow);
            var y2 = WeightVector.LoadOrZero(activations, starts.TokenHigh, v + 8, perRow);
            var w3 = WeightVector.LoadOrZero(weights, starts.WeightLow, v + 12, perRow);
            var u3 = WeightVector.LoadOrZero(weights, starts.WeightHigh, v + 12, perRow);
            var x3 = WeightVector.LoadOrZero(activations, starts.TokenLow, v + 12, perRow);
            var y3 = WeightVector.LoadOrZero(activations, starts.TokenHigh, v + 12, perRow);

            Multiply(ref a0, ref a1, ref a2, ref a3, w0, u0, x0);
            Multiply(ref a0, ref a1, ref a2, ref a3, w1, u1, x1);
            Multiply(ref a0, ref a1, ref a2, ref a3, w2, u2, x2);
            Multiply(ref a0, ref a1, ref a2, ref a3, w3, u3, x3);
            if (secondTile)
            {
                Multiply(ref b0, ref b1, ref b2, ref b3, w0, u0, y0);
                Multiply(ref b0, ref b1, ref b2, ref b3, w1, u1, y1);
                Multiply(ref b0, ref b1, ref b2, ref b3, w2, u2, y2);
                Multiply(ref b0, ref b1, ref b2, ref b3, w3, u3, y3);
            }
        }

        MeetAndStore(gemm, epilogue, partials, warp, g, t, channel0, a0, a1, a2, a3, b0, b1, b2, b3);
    }

    /// <summary>
    /// <see cref="Kernel{TEpilogue}"/> with the weight loads software-pipelined: each lane issues the next step's weight
    /// vectors before it multiplies the current step, so two steps of weights (256 bytes per lane) are in flight instead
    /// of one (124 registers against 66: a grid of many channel blocks needs more waves). What the generated layers run;
    /// same fragments, same exact sums.
    /// </summary>
    /// <typeparam name="TEpilogue">The layer's epilogue (scales, outlier term, bias).</typeparam>
    /// <param name="gemm">Packed operands, as for <see cref="Kernel{TEpilogue}"/>.</param>
    /// <param name="epilogue">Called once per output with the exact int32 sum.</param>
    public static void PipelinedKernel<TEpilogue>(Int8MmaOperands gemm, TEpilogue epilogue)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        var partials = SharedMemory.Allocate<int>(Warps * PartialsPerWarp);
        int warp = Group.IdxX >> 5;
        int lane = Warp.LaneIdx;
        int g = lane >> 2;
        int t = lane & 3;
        int channel0 = Grid.IdxX * ChannelsPerBlock;
        int perRow = gemm.Words >> 2;
        var weights = gemm.B.Cast<WeightVector>();
        var activations = gemm.A.Cast<WeightVector>();

        var starts = new SkinnyRowStarts(gemm, channel0, g, perRow);
        bool secondTile = gemm.Rows > 8;

        int a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        int stride = Grid.DimZ * Warps * VectorsPerChunk;
        int chunk = ((Grid.IdxZ * Warps) + warp) * VectorsPerChunk;
        var current = SkinnyFragmentStep.Load(weights, starts.WeightLow, starts.WeightHigh, chunk + t, perRow);
        for (; chunk < perRow; chunk += stride)
        {
            int v = chunk + t;
            var tokens = SkinnyFragmentStep.Load(activations, starts.TokenLow, starts.TokenHigh, v, perRow);

            // Past the row's end these load nothing (zeros), so the last step issues no extra traffic.
            var next = SkinnyFragmentStep.Load(weights, starts.WeightLow, starts.WeightHigh, v + stride, perRow);

            Multiply(ref a0, ref a1, ref a2, ref a3, current.Low0, current.High0, tokens.Low0);
            Multiply(ref a0, ref a1, ref a2, ref a3, current.Low1, current.High1, tokens.Low1);
            Multiply(ref a0, ref a1, ref a2, ref a3, current.Low2, current.High2, tokens.Low2);
            Multiply(ref a0, ref a1, ref a2, ref a3, current.Low3, current.High3, tokens.Low3);
            if (secondTile)
            {
                Multiply(ref b0, ref b1, ref b2, ref b3, current.Low0, current.High0, tokens.High0);
                Multiply(ref b0, ref b1, ref b2, ref b3, current.Low1, current.High1, tokens.High1);
                Multiply(ref b0, ref b1, ref b2, ref b3, current.Low2, current.High2, tokens.High2);
                Multiply(ref b0, ref b1, ref b2, ref b3, current.Low3, current.High3, tokens.High3);
            }

            current = next;
        }

        MeetAndStore(gemm, epilogue, partials, warp, g, t, channel0, a0, a1, a2, a3, b0, b1, b2, b3);
    }

    // The warps' accumulators meet in shared memory (integer adds: exact in any order); one output per thread is stored,
    // through the K split's workspace when the grid splits K.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MeetAndStore<TEpilogue>(
        Int8MmaOperands gemm, TEpilogue epilogue, ArrayView<int> partials, int warp, int g, int t, int channel0,
        int a0, int a1, int a2, int a3, int b0, int b1, int b2, int b3)
        where TEpilogue : struct, IInt8TileEpilogue
    {
        // [warp][token][channel]: the accumulator layout of both tiles.
        int mine = warp * PartialsPerWarp;
        int token = 2 * t;
        partials[mine + (token * ChannelsPerBlock) + g] = a0;
        partials[mine + ((token + 1) * ChannelsPerBlock) + g] = a1;
        partials[mine + (token * ChannelsPerBlock) + g + 8] = a2;
        partials[mine + ((token + 1) * ChannelsPerBlock) + g + 8] = a3;
        partials[mine + ((token + 8) * ChannelsPerBlock) + g] = b0;
        partials[mine + ((token + 9) * ChannelsPerBlock) + g] = b1;
        partials[mine + ((token + 8) * ChannelsPerBlock) + g + 8] = b2;
        partials[mine + ((token + 9) * ChannelsPerBlock) + g + 8] = b3;
        Group.Barrier();

        // One output per thread: 16 consecutive channels of a token per 16 threads.
        int output = Group.IdxX;
        int row = output / ChannelsPerBlock;
        int col = channel0 + (output % ChannelsPerBlock);
        bool inside = row < gemm.Rows && col < gemm.Cols;
        int sum = 0;
        for (int w = 0; w < Warps; w++)
        {
            sum += partials[(w * PartialsPerWarp) + output];
        }

        if (Grid.DimZ > 1)
        {
            // K split: add this split's sums; the channel block's last split takes the totals (exchanging them for zero).
            long at = ((long)row * gemm.Cols) + col;
            if (inside)
            {
                Atomic.Add(ref gemm.SplitSums[at], sum);
            }

            if (!Int8SplitK.IsLastOfTile(gemm.SplitTickets, partials, Grid.IdxX))
            {
                return;
            }

            if (inside)
            {
                sum = Atomic.Exchange(ref gemm.SplitSums[at], 0);
            }
        }

        if (inside)
        {
            epilogue.Store(sum, row, col);
        }
    }

    // The two k32 steps of one vector: words 0 and 1 are slots 4t and 16 + 4t of the first, words 2 and 3 of the second.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Multiply(ref int c0, ref int c1, ref int c2, ref int c3, WeightVector low, WeightVector high, WeightVector tokens)
    {
        Int8MmaFragment.MultiplyAccumulate(ref c0, ref c1, ref c2, ref c3, low.X, high.X, low.Y, high.Y, tokens.X, tokens.Y);
        Int8MmaFragment.MultiplyAccumulate(ref c0, ref c1, ref c2, ref c3, low.Z, high.Z, low.W, high.W, tokens.Z, tokens.W);
    }
}
