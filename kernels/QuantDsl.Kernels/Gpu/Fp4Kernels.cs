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
            lo = OrderStatistic(source, offset, cols, lowerIndex, intScratch);
            hi = OrderStatistic(source, offset, cols, upperIndex, intScratch);
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
    /// The <paramref name="index"/>-th smallest element of the row (exact): a 32-step binary search over the
    /// order-preserving integer image of the floats, each step one group-wide count.
    /// </summary>
    private static float OrderStatistic(ArrayView<float> source, int offset, int cols, int index, ArrayView<int> scratch)
    {
        uint lo = 0;
        uint hi = uint.MaxValue;
        while (lo < hi)
        {
            uint mid = lo + ((hi - lo) >> 1);
            int count = 0;
            for (int col = Group.IdxX; col < cols; col += Group.DimX)
            {
                count += Key(source[offset + col]) <= mid ? 1 : 0;
            }

            count = GroupReduce.Sum(count, scratch);
            if (count > index)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return FromKey(lo);
    }

    private static uint Key(float value)
    {
        uint bits = Interop.FloatAsInt(value);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    private static float FromKey(uint key) =>
        Interop.IntAsFloat((key & 0x8000_0000u) != 0 ? key & 0x7FFF_FFFFu : ~key);
}
