using ILGPU;
using ILGPU.Runtime;
using QuantDsl.Kernels.Epilogues;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Gpu;
using QuantDsl.Oracle;
using QuantDsl.Tests.Backends;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// The outlier-column gather kernels and the compact outlier term of the LLM.int8 epilogue, on ILGPU's CPU
/// accelerator: exact copies, nothing copied past the capacity, and the same bits as the in-place (strided) term.
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class OutlierGatherTests(DeviceFixture devices)
{
    private const int Rows = 37, Cols = 130;

    private const float Sentinel = -12345f;

    private static readonly int[] Listed = [0, 3, 31, 32, 33, 77, 128, 129];

    private Runtime.GpuBackend Gpu => devices.Get(Backend.IlgpuCpu).Gpu;

    [Fact]
    public void Fp32_gather_copies_the_listed_columns_into_rows_of_count_floats()
    {
        var source = Inputs.Normal(Rows * Cols, seed: 21);
        using var x = Upload(source);
        using var indices = Upload(Listed);
        using var count = Upload([Listed.Length]);
        using var gathered = CompactBuffer(Rows);

        Gpu.Launch(OutlierGather.GatherColumns, OutlierGather.Config(Rows), x.View.AsContiguous(), Rows, Cols, indices.View.AsContiguous(), count.View.AsContiguous(), gathered.View.AsContiguous());

        var compact = gathered.GetAsArray1D();
        for (int r = 0; r < Rows; r++)
        {
            for (int q = 0; q < Listed.Length; q++)
            {
                Assert.Equal(source[(r * Cols) + Listed[q]], compact[(r * Listed.Length) + q]);
            }
        }

        // Past rows × count the buffer is untouched.
        Assert.All(compact.Skip(Rows * Listed.Length), value => Assert.Equal(Sentinel, value));
    }

    [Fact]
    public void Int8_gather_dequantizes_the_listed_codes_as_the_epilogue_does()
    {
        var (packed, absMax, words) = PackedWeight(seed: 22);
        using var codes = Upload(packed);
        using var scales = Upload(absMax);
        using var indices = Upload(Listed);
        using var count = Upload([Listed.Length]);
        using var gathered = CompactBuffer(Rows);

        Gpu.Launch(OutlierGather.GatherDequantizedInt8Columns, OutlierGather.Config(Rows), codes.View.AsContiguous(), Rows, words, scales.View.AsContiguous(), indices.View.AsContiguous(), count.View.AsContiguous(), gathered.View.AsContiguous());

        var compact = gathered.GetAsArray1D();
        for (int r = 0; r < Rows; r++)
        {
            for (int q = 0; q < Listed.Length; q++)
            {
                int j = Listed[q];
                float expected = Int8Format.Dequantize(Int8Format.Unpack(packed[(r * words) + (j / 4)], j % 4), absMax[r]);
                Assert.Equal(expected, compact[(r * Listed.Length) + q]);
            }
        }
    }

    /// <summary>
    /// The one-launch gather of the forwards (<see cref="OutlierGather.GatherBoth"/>) writes exactly what the two separate
    /// gathers write, for the fp32 weight and for the dequantized int8 weight, with fewer activation rows than weight rows
    /// and more (the block split between the two must not drop or overlap a row); and it leaves the marking's flags zero.
    /// </summary>
    [Theory]
    [InlineData(5, 0)]
    [InlineData(5, 1)]
    [InlineData(90, 0)]
    [InlineData(90, 1)]
    public void One_launch_gathers_both_operands_as_the_separate_kernels(int tokens, int weightsFromInt8)
    {
        var xSource = Inputs.Normal(tokens * Cols, seed: 23);
        var wSource = Inputs.Normal(Rows * Cols, seed: 24);
        var (packed, absMax, words) = PackedWeight(seed: 25);
        using var x = Upload(xSource);
        using var w = Upload(wSource);
        using var codes = Upload(packed);
        using var scales = Upload(absMax);
        using var indices = Upload(Listed);
        using var count = Upload([Listed.Length]);
        using var xSeparate = CompactBuffer(tokens);
        using var wSeparate = CompactBuffer(Rows);
        using var xBoth = CompactBuffer(tokens);
        using var wBoth = CompactBuffer(Rows);
        using var flags = Upload(Enumerable.Range(0, Cols).Select(c => Listed.Contains(c) ? 1 : 0).ToArray());

        Gpu.Launch(OutlierGather.GatherColumns, OutlierGather.Config(tokens), x.View.AsContiguous(), tokens, Cols, indices.View.AsContiguous(), count.View.AsContiguous(), xSeparate.View.AsContiguous());
        if (weightsFromInt8 != 0)
        {
            Gpu.Launch(OutlierGather.GatherDequantizedInt8Columns, OutlierGather.Config(Rows), codes.View.AsContiguous(), Rows, words, scales.View.AsContiguous(), indices.View.AsContiguous(), count.View.AsContiguous(), wSeparate.View.AsContiguous());
        }
        else
        {
            Gpu.Launch(OutlierGather.GatherColumns, OutlierGather.Config(Rows), w.View.AsContiguous(), Rows, Cols, indices.View.AsContiguous(), count.View.AsContiguous(), wSeparate.View.AsContiguous());
        }

        var operands = new Int8OutlierOperands
        {
            ColAbsMax = scales.View.AsContiguous(),
            X = x.View.AsContiguous(),
            W = w.View.AsContiguous(),
            Wq = codes.View.AsContiguous(),
            WeightWords = words,
            InFeatures = Cols,
            OutlierIndices = indices.View.AsContiguous(),
            OutlierCount = count.View.AsContiguous(),
            OutlierX = xBoth.View.AsContiguous(),
            OutlierW = wBoth.View.AsContiguous(),
        };
        Gpu.Launch(OutlierGather.GatherBoth, OutlierGather.BothConfig(tokens, Rows), operands, flags.View.AsContiguous(), tokens, Rows, weightsFromInt8);

        Assert.Equal(xSeparate.GetAsArray1D(), xBoth.GetAsArray1D());
        Assert.Equal(wSeparate.GetAsArray1D(), wBoth.GetAsArray1D());
        Assert.Equal(xSource[(3 * Cols) + Listed[2]], xBoth.GetAsArray1D()[(3 * Listed.Length) + 2]);
        Assert.All(flags.GetAsArray1D(), flag => Assert.Equal(0, flag));
    }

    /// <summary>
    /// With more outlier columns than the capacity and than the gather has threads (one token, one weight row: 512
    /// threads), nothing is gathered, yet every listed column's flag is cleared for the next forward's marking.
    /// </summary>
    [Fact]
    public void One_launch_gather_clears_every_flag_past_the_capacity_and_the_grid()
    {
        const int WideCols = 1600;
        int[] odd = Enumerable.Range(0, WideCols / 2).Select(q => (2 * q) + 1).ToArray();
        using var x = Upload(Inputs.Normal(WideCols, seed: 26));
        using var w = Upload(Inputs.Normal(WideCols, seed: 27));
        using var indices = Upload(odd);
        using var count = Upload([odd.Length]);
        using var flags = Upload(Enumerable.Range(0, WideCols).Select(c => c % 2).ToArray());
        using var xBoth = CompactBuffer(1);
        using var wBoth = CompactBuffer(1);
        var operands = new Int8OutlierOperands
        {
            X = x.View.AsContiguous(),
            W = w.View.AsContiguous(),
            InFeatures = WideCols,
            OutlierIndices = indices.View.AsContiguous(),
            OutlierCount = count.View.AsContiguous(),
            OutlierX = xBoth.View.AsContiguous(),
            OutlierW = wBoth.View.AsContiguous(),
        };

        Assert.True(odd.Length > OutlierGather.BothConfig(1, 1).Size, "the list must outnumber the gather's threads");
        Gpu.Launch(OutlierGather.GatherBoth, OutlierGather.BothConfig(1, 1), operands, flags.View.AsContiguous(), 1, 1, 0);

        Assert.All(flags.GetAsArray1D(), flag => Assert.Equal(0, flag));
        Assert.All(xBoth.GetAsArray1D(), value => Assert.Equal(Sentinel, value));
        Assert.All(wBoth.GetAsArray1D(), value => Assert.Equal(Sentinel, value));
    }

    [Fact]
    public void More_columns_than_the_capacity_are_not_gathered()
    {
        int[] many = Enumerable.Range(0, OutlierGather.Capacity + 1).Select(q => 2 * q).ToArray();
        using var x = Upload(Inputs.Normal(Rows * Cols, seed: 23));
        using var indices = Upload(many);
        using var count = Upload([many.Length]);
        using var gathered = CompactBuffer(Rows);

        Gpu.Launch(OutlierGather.GatherColumns, OutlierGather.Config(Rows), x.View.AsContiguous(), Rows, Cols, indices.View.AsContiguous(), count.View.AsContiguous(), gathered.View.AsContiguous());

        Assert.All(gathered.GetAsArray1D(), value => Assert.Equal(Sentinel, value));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Compact_outlier_term_has_the_same_bits_as_the_in_place_term(bool fromInt8)
    {
        // X [Rows × Cols] and W [OutCols × Cols], both with the outlier columns planted large.
        const int OutCols = 19;
        var inputs = Inputs.WithOutlierColumns(Rows, Cols, OutCols, columns: 8, scale: 20f, seed: 24);
        int words = Int8Format.RoundUp(Cols, 32) / 4;
        var (packed, absMax, _) = PackedWeight(seed: 25, rows: OutCols);
        using var x = Upload(inputs.X);
        using var w = Upload(inputs.W);
        using var codes = Upload(packed);
        using var scales = Upload(absMax);
        using var outlierList = Upload(inputs.PlantedColumns);
        using var outlierCount = Upload([inputs.PlantedColumns.Length]);
        using var outlierX = CompactBuffer(Rows);
        using var outlierW = CompactBuffer(OutCols);
        using var compact = Gpu.Allocate<float>(Rows * OutCols);
        using var inPlace = Gpu.Allocate<float>(Rows * OutCols);
        var indices = outlierList.View.AsContiguous();
        var count = outlierCount.View.AsContiguous();

        Gpu.Launch(OutlierGather.GatherColumns, OutlierGather.Config(Rows), x.View.AsContiguous(), Rows, Cols, indices, count, outlierX.View.AsContiguous());
        if (fromInt8)
        {
            Gpu.Launch(OutlierGather.GatherDequantizedInt8Columns, OutlierGather.Config(OutCols), codes.View.AsContiguous(), OutCols, words, scales.View.AsContiguous(), indices, count, outlierW.View.AsContiguous());
        }
        else
        {
            Gpu.Launch(OutlierGather.GatherColumns, OutlierGather.Config(OutCols), w.View.AsContiguous(), OutCols, Cols, indices, count, outlierW.View.AsContiguous());
        }

        var operands = new Int8OutlierOperands
        {
            ColAbsMax = scales.View.AsContiguous(),
            X = x.View.AsContiguous(),
            W = w.View.AsContiguous(),
            Wq = codes.View.AsContiguous(),
            WeightWords = words,
            InFeatures = Cols,
            OutlierIndices = indices,
            OutlierCount = count,
            OutlierX = outlierX.View.AsContiguous(),
            OutlierW = outlierW.View.AsContiguous(),
        };
        Gpu.Launch(BothOutlierTerms, new KernelConfig((Rows * OutCols + 63) / 64, 64), operands, Rows, OutCols, fromInt8 ? 1 : 0, compact.View.AsContiguous(), inPlace.View.AsContiguous());

        var expected = inPlace.GetAsArray1D();
        Assert.Contains(expected, value => Math.Abs(value) > 1f); // the planted columns make the term large
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), compact.GetAsArray1D().Select(BitConverter.SingleToInt32Bits));
    }

    private static void BothOutlierTerms(Int8OutlierOperands operands, int rows, int cols, int fromInt8, ArrayView<float> compact, ArrayView<float> inPlace)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= rows * cols)
        {
            return;
        }

        int row = i / cols;
        int col = i - (row * cols);
        compact[i] = Int8OutlierEpilogue.OutlierDotCompact(operands, row, col, operands.OutlierCount[0]);
        inPlace[i] = fromInt8 != 0 ? Int8OutlierEpilogue.OutlierDotDequantized(operands, row, col) : Int8OutlierEpilogue.OutlierDot(operands, row, col);
    }

    private static (int[] Packed, float[] AbsMax, int Words) PackedWeight(int seed, int rows = Rows)
    {
        var source = Inputs.Normal(rows * Cols, seed, scale: 0.3f);
        int words = Int8Format.RoundUp(Cols, 32) / 4;
        var packed = new int[rows * words];
        var absMax = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            var codes = Int8Reference.QuantizeVector(source.AsSpan(r * Cols, Cols), out absMax[r]);
            for (int c = 0; c < Cols; c++)
            {
                packed[(r * words) + (c / 4)] |= (codes[c] & 0xFF) << (8 * (c % 4));
            }
        }

        return (packed, absMax, words);
    }

    private MemoryBuffer1D<float, Stride1D.Dense> Upload(float[] values)
    {
        var buffer = Gpu.Allocate<float>(values.Length);
        buffer.View.CopyFromCPU(Gpu.Stream, values);
        return buffer;
    }

    private MemoryBuffer1D<int, Stride1D.Dense> Upload(int[] values)
    {
        var buffer = Gpu.Allocate<int>(values.Length);
        buffer.View.CopyFromCPU(Gpu.Stream, values);
        return buffer;
    }

    /// <summary>A compact buffer for <paramref name="rows"/> rows at full capacity, filled with <see cref="Sentinel"/>.</summary>
    private MemoryBuffer1D<float, Stride1D.Dense> CompactBuffer(int rows) =>
        Upload(Enumerable.Repeat(Sentinel, rows * OutlierGather.Capacity).ToArray());
}
