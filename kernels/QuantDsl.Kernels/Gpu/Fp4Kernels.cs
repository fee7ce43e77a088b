using ILGPU;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Reductions;

namespace QuantDsl.Kernels.Gpu;

/// <summary>
/// GPU passes of FP4 training (ALGORITHMS.md §1), the twins of <c>Simd.Fp4RowsCpu</c>: per-row E2M1 quantization with
/// exact OCC quantiles, dequantization, the E5M2/bf16 rounding of the output gradient and the DGE-weighted
/// weight-gradient update. The formats' arithmetic is shared with the CPU, so codes agree bit for bit.
/// </summary>
public static class Fp4Kernels
{
    /// <summary>Threads per row group.</summary>
    public const int RowThreads = 256;

    /// <summary>Threads per group of the element-wise kernels.</summary>
    public const int Threads = 256;

    // Radix select of the OCC bounds (ClampBounds): 8-bit digits, two histograms, the partial sums of 16 spans of
    // 16 bins per histogram, and the two digits and remaining ranks a pass hands to the next.
    private const int RadixBits = 8;
    private const int RadixBins = 1 << RadixBits;
    private const int RadixSpans = 16;
    private const int RadixPartials = 2 * RadixBins;
    private const int RadixState = RadixPartials + (2 * RadixSpans);
    private const int RadixScratch = RadixState + 4;

    /// <summary>One group per row.</summary>
    public static KernelConfig RowConfig(int rows) => new(rows, RowThreads);

    /// <summary>Enough groups for <paramref name="count"/> elements, a grid-stride loop covers the rest.</summary>
    public static KernelConfig ElementConfig(long count) => new((int)Math.Clamp((count + Threads - 1) / Threads, 1, 65535), Threads);

    /// <summary>
    /// Quantizes row <c>Grid.IdxX</c> of <paramref name="source"/> [rows × cols] into packed doubled codes [rows × words]:
    /// with <paramref name="lowerIndex"/> ≥ 0 the row is first clamped to its order statistics s[lowerIndex], s[upperIndex]
    /// (OCC) and <c>x − clamp(x)</c> is written to <paramref name="residual"/>; γ = 6/absmax (or its power-of-two floor).
    /// Adds the row's NaN/±∞ count to <c>nonFinite[0]</c>.
    /// </summary>
    public static void QuantizeRows(
        ArrayView<float> source,
        int cols,
        int words,
        int lowerIndex,
        int upperIndex,
        int powerOfTwoScale,
        ArrayView<int> packed,
        ArrayView<float> gamma,
        ArrayView<float> residual,
        ArrayView<int> nonFinite)
    {
        var floatScratch = SharedMemory.Allocate<float>(GroupReduce.MaxWarps);
        var intScratch = SharedMemory.Allocate<int>(GroupReduce.MaxWarps);
        var radix = SharedMemory.Allocate<int>(RadixScratch);
        int row = Grid.IdxX;
        int offset = row * cols;
        int bad = 0;
        float absMax = 0f;
        for (int col = Group.IdxX; col < cols; col += Group.DimX)
        {
            float value = source[offset + col];
            bad += Int8Format.IsNonFinite(value) ? 1 : 0;
            absMax = IntrinsicMath.Max(absMax, IntrinsicMath.Abs(value));
        }

        bad = GroupReduce.Sum(bad, intScratch);
        if (bad != 0)
        {
            if (Group.IsFirstThread)
            {
                Atomic.Add(ref nonFinite[0], bad);
            }

            return;
        }

        float lo = float.NegativeInfinity;
        float hi = float.PositiveInfinity;
        bool clamp = lowerIndex >= 0;
        if (clamp)
        {
            (lo, hi) = ClampBounds(source, offset, cols, lowerIndex, upperIndex, radix);
            absMax = IntrinsicMath.Max(IntrinsicMath.Abs(lo), IntrinsicMath.Abs(hi));
        }
        else
        {
            absMax = GroupReduce.Max(absMax, floatScratch);
        }

        float g = E2M1.Scale(absMax, powerOfTwoScale != 0);
        if (Group.IsFirstThread)
        {
            gamma[row] = g;
        }

        for (int word = Group.IdxX; word < words; word += Group.DimX)
        {
            int col = word * 4;
            int q0 = CodeAt(source, residual, offset, cols, col, clamp, lo, hi, g);
            int q1 = CodeAt(source, residual, offset, cols, col + 1, clamp, lo, hi, g);
            int q2 = CodeAt(source, residual, offset, cols, col + 2, clamp, lo, hi, g);
            int q3 = CodeAt(source, residual, offset, cols, col + 3, clamp, lo, hi, g);
            packed[(row * words) + word] = Int8Format.Pack(q0, q1, q2, q3);
        }
    }

    /// <summary>
    /// Compacts row <c>Grid.IdxX</c> of <paramref name="residual"/> [rows × cols] (the OCC residual ΔX, nonzero only for
    /// the clamped elements) into its nonzero entries in ascending column order: <paramref name="columns"/> and
    /// <paramref name="values"/> [rows × capacity], <paramref name="counts"/>[row]. <paramref name="capacity"/> is
    /// <c>OutlierClamp.MaxClamped</c>, which no row can exceed; entries past it would be dropped (never, by construction).
    /// </summary>
    public static void CompactResidualRows(
        ArrayView<float> residual, int cols, int capacity, ArrayView<int> columns, ArrayView<float> values, ArrayView<int> counts)
    {
        var warpTotals = SharedMemory.Allocate<int>(GroupReduce.MaxWarps);
        int row = Grid.IdxX;
        long offset = (long)row * cols;
        long slots = (long)row * capacity;
        int warps = Group.DimX / Warp.WarpSize;
        int written = 0;
        for (int start = 0; start < cols; start += Group.DimX)
        {
            int col = start + Group.IdxX;
            float value = col < cols ? residual[offset + col] : 0f;
            int flag = value != 0f ? 1 : 0;

            // Inclusive scan of the flags over the warp, then the totals of the warps before this one: the slot.
            int scan = flag;
            for (int delta = 1; delta < Warp.WarpSize; delta <<= 1)
            {
                int up = Warp.ShuffleUp(scan, delta);
                scan += Warp.LaneIdx >= delta ? up : 0;
            }

            if (Warp.LaneIdx == Warp.WarpSize - 1)
            {
                warpTotals[Warp.WarpIdx] = scan;
            }

            Group.Barrier();
            int slot = written + scan - 1;
            int chunk = 0;
            for (int w = 0; w < warps; w++)
            {
                int total = warpTotals[w];
                slot += w < Warp.WarpIdx ? total : 0;
                chunk += total;
            }

            if (flag != 0 && slot < capacity)
            {
                columns[slots + slot] = col;
                values[slots + slot] = value;
            }

            written += chunk;
            Group.Barrier(); // warpTotals is rewritten by the next chunk
        }

        if (Group.IsFirstThread)
        {
            counts[row] = Math.Min(written, capacity);
        }
    }

    /// <summary>
    /// The OCC compensation from the compacted residual rows: <c>y[t, o] += Σ_i values[t, i] · weightTransposed[columns[t, i], o]</c>
    /// for <paramref name="tokens"/> × <paramref name="outFeatures"/> outputs, one thread each (o fastest, so the
    /// transposed weight [in × out] is read coalesced). The terms are summed in ascending column order, as the dense
    /// product it replaces summed them, and then added to y.
    /// </summary>
    public static void AddSparseCompensation(
        ArrayView<int> columns, ArrayView<float> values, ArrayView<int> counts, int capacity,
        ArrayView<float> weightTransposed, int tokens, int outFeatures, ArrayView<float> y)
    {
        long total = (long)tokens * outFeatures;
        for (long i = Grid.GlobalIndex.X; i < total; i += Grid.DimX * Group.DimX)
        {
            int t = (int)(i / outFeatures);
            int o = (int)(i - ((long)t * outFeatures));
            long slots = (long)t * capacity;
            int count = counts[t];
            float sum = 0f;
            for (int e = 0; e < count; e++)
            {
                sum += values[slots + e] * weightTransposed[((long)columns[slots + e] * outFeatures) + o];
            }

            y[i] += sum;
        }
    }

    /// <summary><c>destination[c, r] = source[r, c]</c> for <paramref name="source"/> [rows × cols].</summary>
    public static void Transpose(ArrayView<float> source, int rows, int cols, ArrayView<float> destination)
    {
        long total = (long)rows * cols;
        for (long i = Grid.GlobalIndex.X; i < total; i += Grid.DimX * Group.DimX)
        {
            int c = (int)(i / rows);
            int r = (int)(i - ((long)c * rows));
            destination[i] = source[((long)r * cols) + c];
        }
    }

    /// <summary><c>destination[r, c] = code[r, c] · 0.5/γ[r]</c> for packed doubled codes [rows × words].</summary>
    public static void DequantizeRows(ArrayView<int> packed, int words, ArrayView<float> gamma, int rows, int cols, ArrayView<float> destination)
    {
        int stride = Grid.DimX * Group.DimX;
        for (int i = Grid.GlobalIndex.X; i < rows * cols; i += stride)
        {
            int row = i / cols;
            int col = i - (row * cols);
            int code = Int8Format.Unpack(packed[(row * words) + (col >> 2)], col & 3);
            destination[i] = code * (0.5f / gamma[row]);
        }
    }

    /// <summary>Raises <c>result[0]</c> to the bit pattern of max |source[i]| (non-negative floats order as integers).</summary>
    public static void AbsMaxBits(ArrayView<float> source, int length, ArrayView<int> result)
    {
        int stride = Grid.DimX * Group.DimX;
        int best = 0;
        for (int i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            best = IntrinsicMath.Max(best, (int)(Interop.FloatAsInt(source[i]) & 0x7FFF_FFFF));
        }

        Atomic.Max(ref result[0], best);
    }

    /// <summary>
    /// <c>destination = e5m2(source·s)/s</c> with the per-tensor power-of-two s from <c>absMaxBits[0]</c> (see <see cref="AbsMaxBits"/>).
    /// </summary>
    public static void RoundToE5M2(ArrayView<float> source, int length, ArrayView<int> absMaxBits, ArrayView<float> destination)
    {
        float scale = Fp8E5M2.TensorScale(Interop.IntAsFloat((uint)absMaxBits[0]));
        float inverse = 1f / scale;
        int stride = Grid.DimX * Group.DimX;
        for (int i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            destination[i] = Fp8E5M2.Round(source[i] * scale) * inverse;
        }
    }

    /// <summary><c>destination = bf16(source)</c>.</summary>
    public static void RoundToBf16(ArrayView<float> source, int length, ArrayView<float> destination)
    {
        int stride = Grid.DimX * Group.DimX;
        for (int i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            destination[i] = Bf16.Round(source[i]);
        }
    }

    /// <summary><c>grad[o, i] += g[o, i] · f′(W[o, i]·γ[o])</c> (DGE when <paramref name="dge"/> is 1) or <c>+= g</c>.</summary>
    public static void AccumulateWeightGradient(
        ArrayView<float> g, ArrayView<float> weight, ArrayView<float> gamma, int rows, int cols, int dge, float k, float clip, ArrayView<float> grad)
    {
        int stride = Grid.DimX * Group.DimX;
        for (int i = Grid.GlobalIndex.X; i < rows * cols; i += stride)
        {
            float factor = dge != 0 ? Dge.Derivative(weight[i] * gamma[i / cols], k, clip) : 1f;
            grad[i] += g[i] * factor;
        }
    }

    private static int CodeAt(ArrayView<float> source, ArrayView<float> residual, int offset, int cols, int col, bool clamp, float lo, float hi, float g)
    {
        if (col >= cols)
        {
            return 0;
        }

        float value = source[offset + col];
        if (clamp)
        {
            float clamped = IntrinsicMath.Clamp(value, lo, hi);
            residual[offset + col] = value - clamped;
            value = clamped;
        }

        return E2M1.DoubledCode(value * g);
    }

    /// <summary>
    /// The exact order statistics s[<paramref name="lowerIndex"/>] and s[<paramref name="upperIndex"/>] of the row, found
    /// together by an MSB-first radix select over the order-preserving integer image of the floats: four passes of
    /// 8-bit digits, each one shared-memory histogram per bound of the elements that still match that bound's prefix,
    /// then the bin holding the wanted rank: 4 passes over the row and 16 barriers, where the bisection it replaced
    /// took 64 passes, each with a group-wide count.
    /// </summary>
    private static (float Lo, float Hi) ClampBounds(ArrayView<float> source, int offset, int cols, int lowerIndex, int upperIndex, ArrayView<int> radix)
    {
        uint prefixLo = 0;
        uint prefixHi = 0;
        uint mask = 0;
        int rankLo = lowerIndex;
        int rankHi = upperIndex;
        for (int shift = 32 - RadixBits; shift >= 0; shift -= RadixBits)
        {
            for (int i = Group.IdxX; i < 2 * RadixBins; i += Group.DimX)
            {
                radix[i] = 0;
            }

            Group.Barrier();
            for (int col = Group.IdxX; col < cols; col += Group.DimX)
            {
                uint key = Key(source[offset + col]);
                int digit = (int)((key >> shift) & (RadixBins - 1));
                if ((key & mask) == prefixLo)
                {
                    Atomic.Add(ref radix[digit], 1);
                }

                if ((key & mask) == prefixHi)
                {
                    Atomic.Add(ref radix[RadixBins + digit], 1);
                }
            }

            Group.Barrier();

            // 2 × RadixSpans partial sums of RadixBins / RadixSpans bins each, so the walk below reads 32 values, not 256.
            if (Group.IdxX < 2 * RadixSpans)
            {
                int start = Group.IdxX * (RadixBins / RadixSpans);
                int sum = 0;
                for (int b = 0; b < RadixBins / RadixSpans; b++)
                {
                    sum += radix[start + b];
                }

                radix[RadixPartials + Group.IdxX] = sum;
            }

            Group.Barrier();

            // Thread 0 finds the lower bound's digit, thread 1 the upper's: the bin where the running count passes the rank.
            if (Group.IdxX < 2)
            {
                int bound = Group.IdxX;
                int rank = bound == 0 ? rankLo : rankHi;
                int span = 0;
                while (span < RadixSpans - 1 && radix[RadixPartials + (bound * RadixSpans) + span] <= rank)
                {
                    rank -= radix[RadixPartials + (bound * RadixSpans) + span];
                    span++;
                }

                int bin = span * (RadixBins / RadixSpans);
                int last = bin + (RadixBins / RadixSpans) - 1;
                while (bin < last && radix[(bound * RadixBins) + bin] <= rank)
                {
                    rank -= radix[(bound * RadixBins) + bin];
                    bin++;
                }

                radix[RadixState + bound] = bin;
                radix[RadixState + 2 + bound] = rank;
            }

            Group.Barrier();
            prefixLo |= (uint)radix[RadixState] << shift;
            prefixHi |= (uint)radix[RadixState + 1] << shift;
            rankLo = radix[RadixState + 2];
            rankHi = radix[RadixState + 3];
            mask |= (uint)(RadixBins - 1) << shift;
        }

        return (FromKey(prefixLo), FromKey(prefixHi));
    }

    private static uint Key(float value)
    {
        uint bits = Interop.FloatAsInt(value);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    private static float FromKey(uint key) =>
        Interop.IntAsFloat((key & 0x8000_0000u) != 0 ? key & 0x7FFF_FFFFu : ~key);
}
