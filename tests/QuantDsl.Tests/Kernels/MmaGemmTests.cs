using ILGPU.Runtime;
using QuantDsl.Kernels.Epilogues;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Gemm;
using QuantDsl.Oracle;
using QuantDsl.Tests.Backends;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// The tensor-core int8 main loop, run on ILGPU's CPU accelerator (the managed mma fragment twin), against the exact
/// int32 oracle, for every tile shape (the wgmma tiles' managed twin: 16-row warp tiles), including shapes that are not tile multiples, M = 1, K not a multiple of the
/// stage depth and more K stages than the shared-memory ring holds (the cp.async / ldmatrix twins and the swizzle).
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class MmaGemmTests(DeviceFixture devices)
{
    private Runtime.GpuBackend Gpu => devices.Get(Backend.IlgpuCpu).Gpu;

    [Theory]
    [InlineData(Int8MmaTile.Rows128Cols128, 64, 64, 64)]
    [InlineData(Int8MmaTile.Rows128Cols128, 1, 40, 72)]
    [InlineData(Int8MmaTile.Rows128Cols128, 33, 17, 96)]
    [InlineData(Int8MmaTile.Rows128Cols128, 70, 130, 200)]
    [InlineData(Int8MmaTile.Rows128Cols128, 128, 128, 256)]
    [InlineData(Int8MmaTile.Rows64Cols128, 1, 40, 72)]
    [InlineData(Int8MmaTile.Rows64Cols128, 70, 130, 256)]
    [InlineData(Int8MmaTile.Rows64Cols128, 65, 257, 100)]
    [InlineData(Int8MmaTile.WgmmaRows128Cols128, 1, 40, 72)]
    [InlineData(Int8MmaTile.WgmmaRows128Cols128, 70, 130, 200)]
    [InlineData(Int8MmaTile.WgmmaRows128Cols128, 128, 128, 256)]
    [InlineData(Int8MmaTile.WgmmaRows64Cols128, 65, 257, 100)]
    [InlineData(Int8MmaTile.WgmmaRows128Cols256, 70, 300, 200)]
    [InlineData(Int8MmaTile.WgmmaRows128Cols256, 1, 40, 72)]
    public void Int32_sums_equal_the_oracle_exactly(Int8MmaTile tile, int rows, int cols, int k)
    {
        var random = new Random((rows * 1000) + cols + k);
        var a = Codes(random, rows * k);
        var b = Codes(random, cols * k);
        a[0] = -127;
        b[0] = -127; // extreme codes take part too
        var expected = GemvReference.Int8Product(a, b, rows, cols, k);
        int words = Int8Format.RoundUp(k, Int8MmaGemm.KMultiple) / 4;

        using var aBuffer = Gpu.Allocate<int>(rows * words);
        using var bBuffer = Gpu.Allocate<int>(cols * words);
        using var output = Gpu.Allocate<int>(rows * cols);
        aBuffer.View.CopyFromCPU(Gpu.Stream, Pack(a, rows, k, words));
        bBuffer.View.CopyFromCPU(Gpu.Stream, Pack(b, cols, k, words));
        var operands = Int8MmaOperands.Create(aBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), rows, cols, words);
        var epilogue = new Int32StoreEpilogue(output.View.AsContiguous(), cols);
        Gpu.Launch(Int8MmaGemm.KernelFor<Int32StoreEpilogue>(tile), Int8MmaGemm.Config(tile, rows, cols), operands, epilogue);

        Assert.Equal(expected, output.GetAsArray1D());
    }

    /// <summary>
    /// The one-token GEMV of the core (<see cref="QuantDsl.Kernels.Gemv.Int8DotGemv"/>) stores the oracle's exact int32 sums:
    /// an odd channel count (the last warp's second channel is past the end), rows shorter than a warp's step (K = 40: two
    /// vectors), a step cut short (K = 1000: 64 vectors of a 256-vector step) and two steps (K = 4200: 264), extreme codes.
    /// </summary>
    [Theory]
    [InlineData(17, 40)]
    [InlineData(33, 1000)]
    [InlineData(20, 4200)]
    public void One_token_gemv_sums_equal_the_oracle_exactly(int cols, int k)
    {
        var random = new Random((cols * 31) + k);
        var a = Codes(random, k);
        var b = Codes(random, cols * k);
        a[^1] = -127;
        b[^1] = -127;
        b[0] = 127;
        var expected = GemvReference.Int8Product(a, b, 1, cols, k);
        int words = Int8Format.RoundUp(k, Int8MmaGemm.KMultiple) / 4;

        using var aBuffer = Gpu.Allocate<int>(words);
        using var bBuffer = Gpu.Allocate<int>(cols * words);
        using var output = Gpu.Allocate<int>(cols + 1);
        output.MemSetToZero(Gpu.Stream);
        aBuffer.View.CopyFromCPU(Gpu.Stream, Pack(a, 1, k, words));
        bBuffer.View.CopyFromCPU(Gpu.Stream, Pack(b, cols, k, words));
        var operands = Int8MmaOperands.Create(aBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), 1, cols, words);
        var epilogue = new Int32StoreEpilogue(output.View.AsContiguous(), cols);
        Gpu.Launch(QuantDsl.Kernels.Gemv.Int8DotGemv.Kernel<Int32StoreEpilogue>, QuantDsl.Kernels.Gemv.Int8DotGemv.Config(cols), operands, epilogue);

        var result = output.GetAsArray1D();
        Assert.Equal(expected, result.Take(cols).ToArray());
        Assert.Equal(0, result[cols]); // nothing past the last channel
    }

    /// <summary>
    /// The 2–16-token kernel of the core (<see cref="QuantDsl.Kernels.Gemv.Int8MmaSkinny"/>, weights as the mma's A operand)
    /// stores the oracle's exact int32 sums: one and two token tiles with rows past the last token (2, 5, 9, 16), channel
    /// counts that end inside a block (17, 33), a row shorter than a warp's step (K = 40), a chunk cut short (K = 1000) and
    /// more chunks than warps (K = 4200), extreme codes; nothing is written past the last row or channel. The same for its
    /// software-pipelined twin (<c>PipelinedKernel</c>: the next step's weights loaded early, including a load past the row).
    /// </summary>
    [Theory]
    [InlineData(2, 17, 40, false)]
    [InlineData(5, 33, 1000, false)]
    [InlineData(9, 17, 4200, false)]
    [InlineData(16, 33, 1000, false)]
    [InlineData(2, 17, 40, true)]
    [InlineData(9, 17, 4200, true)]
    [InlineData(16, 33, 1000, true)]
    public void Skinny_sums_equal_the_oracle_exactly(int rows, int cols, int k, bool pipelined)
    {
        var random = new Random((rows * 131) + (cols * 31) + k);
        var a = Codes(random, rows * k);
        var b = Codes(random, cols * k);
        a[^1] = -127;
        a[0] = 127;
        b[^1] = -127;
        b[0] = 127;
        var expected = GemvReference.Int8Product(a, b, rows, cols, k);
        int words = Int8Format.RoundUp(k, Int8MmaGemm.KMultiple) / 4;
        Assert.True(QuantDsl.Kernels.Gemv.Int8MmaSkinny.Supports(rows, words));

        using var aBuffer = Gpu.Allocate<int>(rows * words);
        using var bBuffer = Gpu.Allocate<int>(cols * words);
        using var output = Gpu.Allocate<int>((rows * cols) + 1);
        output.MemSetToZero(Gpu.Stream);
        aBuffer.View.CopyFromCPU(Gpu.Stream, Pack(a, rows, k, words));
        bBuffer.View.CopyFromCPU(Gpu.Stream, Pack(b, cols, k, words));
        var operands = Int8MmaOperands.Create(aBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), rows, cols, words);
        var epilogue = new Int32StoreEpilogue(output.View.AsContiguous(), cols);
        Gpu.Launch(
            pipelined ? QuantDsl.Kernels.Gemv.Int8MmaSkinny.PipelinedKernel<Int32StoreEpilogue> : QuantDsl.Kernels.Gemv.Int8MmaSkinny.Kernel<Int32StoreEpilogue>,
            QuantDsl.Kernels.Gemv.Int8MmaSkinny.Config(cols),
            operands,
            epilogue);

        var result = output.GetAsArray1D();
        Assert.Equal(expected, result.Take(rows * cols).ToArray());
        Assert.Equal(0, result[rows * cols]); // nothing past the last output
    }

    /// <summary>
    /// K split over blocks (<see cref="Int8MmaOperands.WithKSplits"/>, grid Z): the partial sums meet in the workspace and
    /// the tile's last block stores the oracle's exact int32 totals, on every tile shape, including uneven splits (the last
    /// block's share is shorter), requests beyond the K tiles (reduced) and M = 1. The call must leave the workspace and
    /// the tickets zero for the next one (<c>Int8OutliersForwardTests</c> runs split forwards back to back).
    /// </summary>
    [Theory]
    [InlineData(Int8MmaTile.Rows128Cols128, 33, 40, 264, 3, 3)]
    [InlineData(Int8MmaTile.Rows64Cols128, 1, 40, 520, 4, 3)]
    [InlineData(Int8MmaTile.Rows64Cols128, 65, 130, 264, 2, 2)]
    [InlineData(Int8MmaTile.WgmmaRows128Cols128, 33, 17, 264, 4, 3)]
    [InlineData(Int8MmaTile.WgmmaRows64Cols128, 1, 130, 520, 5, 5)]
    [InlineData(Int8MmaTile.WgmmaRows64Cols128, 9, 40, 72, 5, 2)]
    [InlineData(Int8MmaTile.WgmmaRows128Cols256, 9, 260, 264, 2, 2)]
    public void Split_k_sums_equal_the_oracle_exactly_and_leave_the_workspace_zero(Int8MmaTile tile, int rows, int cols, int k, int requested, int splits)
    {
        var random = new Random((rows * 1009) + cols + (k * 7) + requested);
        var a = Codes(random, rows * k);
        var b = Codes(random, cols * k);
        a[^1] = 127;
        b[^1] = -127;
        var expected = GemvReference.Int8Product(a, b, rows, cols, k);
        int words = Int8Format.RoundUp(k, Int8MmaGemm.KMultiple) / 4;

        using var aBuffer = Gpu.Allocate<int>(rows * words);
        using var bBuffer = Gpu.Allocate<int>(cols * words);
        using var output = Gpu.Allocate<int>(rows * cols);
        using var splitSums = Gpu.Allocate<int>(rows * cols);
        using var tickets = Gpu.Allocate<int>(Int8MmaGemm.Tiles(tile, rows, cols));
        aBuffer.View.CopyFromCPU(Gpu.Stream, Pack(a, rows, k, words));
        bBuffer.View.CopyFromCPU(Gpu.Stream, Pack(b, cols, k, words));
        splitSums.MemSetToZero(Gpu.Stream);
        tickets.MemSetToZero(Gpu.Stream);
        var operands = Int8MmaOperands.Create(aBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), rows, cols, words)
            .WithKSplits(tile, requested, splitSums.View.AsContiguous(), tickets.View.AsContiguous());
        Assert.Equal(splits, operands.KSplits);
        Assert.Equal(splits, Int8MmaGemm.Config(tile, operands).GridDim.Z);
        var epilogue = new Int32StoreEpilogue(output.View.AsContiguous(), cols);
        Gpu.Launch(Int8MmaGemm.KernelFor<Int32StoreEpilogue>(tile), Int8MmaGemm.Config(tile, operands), operands, epilogue);

        Assert.Equal(expected, output.GetAsArray1D());
        Assert.All(splitSums.GetAsArray1D(), sum => Assert.Equal(0, sum));
        Assert.All(tickets.GetAsArray1D(), ticket => Assert.Equal(0, ticket));
    }

    /// <summary>
    /// The skinny kernel with K split over grid Z (<see cref="QuantDsl.Kernels.Gemv.Int8MmaSkinny.WithKSplits"/>): the last
    /// split of each channel block stores the oracle's exact sums and leaves the workspace and tickets zero, for two calls
    /// in a row; an uneven split (K = 4200: 264 vectors a row, three rounds of the 8 warps' 16-vector chunks, the last
    /// one short), a request beyond the rounds (8 → 3), and a row of one round (K = 1000: no split); the pipelined twin too.
    /// </summary>
    [Theory]
    [InlineData(9, 33, 4200, 3, 3, false)]
    [InlineData(16, 17, 4200, 8, 3, false)]
    [InlineData(5, 40, 1000, 4, 1, false)]
    [InlineData(16, 17, 4200, 8, 3, true)]
    public void Skinny_split_k_sums_equal_the_oracle_exactly_and_leave_the_workspace_zero(int rows, int cols, int k, int requested, int splits, bool pipelined)
    {
        var random = new Random((rows * 977) + cols + (k * 5) + requested);
        var a = Codes(random, rows * k);
        var b = Codes(random, cols * k);
        a[^1] = 127;
        b[^1] = -127;
        var expected = GemvReference.Int8Product(a, b, rows, cols, k);
        int words = Int8Format.RoundUp(k, Int8MmaGemm.KMultiple) / 4;

        using var aBuffer = Gpu.Allocate<int>(rows * words);
        using var bBuffer = Gpu.Allocate<int>(cols * words);
        using var output = Gpu.Allocate<int>(rows * cols);
        using var splitSums = Gpu.Allocate<int>(rows * cols);
        using var tickets = Gpu.Allocate<int>(QuantDsl.Kernels.Gemv.Int8MmaSkinny.Blocks(cols));
        aBuffer.View.CopyFromCPU(Gpu.Stream, Pack(a, rows, k, words));
        bBuffer.View.CopyFromCPU(Gpu.Stream, Pack(b, cols, k, words));
        splitSums.MemSetToZero(Gpu.Stream);
        tickets.MemSetToZero(Gpu.Stream);
        var operands = QuantDsl.Kernels.Gemv.Int8MmaSkinny.WithKSplits(
            Int8MmaOperands.Create(aBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), rows, cols, words),
            requested,
            splitSums.View.AsContiguous(),
            tickets.View.AsContiguous());
        Assert.Equal(splits, operands.KSplits);
        var config = QuantDsl.Kernels.Gemv.Int8MmaSkinny.Config(cols, operands.KSplits);
        Assert.Equal(splits, config.GridDim.Z);
        var epilogue = new Int32StoreEpilogue(output.View.AsContiguous(), cols);
        for (int call = 0; call < 2; call++)
        {
            output.MemSetToZero(Gpu.Stream);
            Gpu.Launch(
                pipelined ? QuantDsl.Kernels.Gemv.Int8MmaSkinny.PipelinedKernel<Int32StoreEpilogue> : QuantDsl.Kernels.Gemv.Int8MmaSkinny.Kernel<Int32StoreEpilogue>,
                config,
                operands,
                epilogue);

            Assert.Equal(expected, output.GetAsArray1D());
            Assert.All(splitSums.GetAsArray1D(), sum => Assert.Equal(0, sum));
            Assert.All(tickets.GetAsArray1D(), ticket => Assert.Equal(0, ticket));
        }
    }

    [Fact]
    public void A_skinny_split_without_room_in_the_workspace_is_rejected_with_the_shapes()
    {
        using var a = Gpu.Allocate<int>(9 * 1024);
        using var b = Gpu.Allocate<int>(40 * 1024);
        using var small = Gpu.Allocate<int>(10);
        var operands = Int8MmaOperands.Create(a.View.AsContiguous(), b.View.AsContiguous(), 9, 40, 1024);
        var error = Assert.Throws<ArgumentException>(
            () => QuantDsl.Kernels.Gemv.Int8MmaSkinny.WithKSplits(operands, 2, small.View.AsContiguous(), small.View.AsContiguous()));
        Assert.Contains("[9 × 40]", error.Message, StringComparison.Ordinal);
        Assert.Contains("360 workspace sums and 3 tickets", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The per-call tile of the layers: on a wgmma device mma.sync 64 × 128 for decode batches (≤ 16 rows, measured faster
    /// there), wgmma 64 × 128 up to 256 rows, 128 × 128 above; without wgmma the mma.sync tiles.
    /// </summary>
    [Theory]
    [InlineData(1, 4096, true, Int8MmaTile.Rows64Cols128)]
    [InlineData(16, 11008, true, Int8MmaTile.Rows64Cols128)]
    [InlineData(17, 4096, true, Int8MmaTile.WgmmaRows64Cols128)]
    [InlineData(256, 4096, true, Int8MmaTile.WgmmaRows64Cols128)]
    [InlineData(257, 4096, true, Int8MmaTile.WgmmaRows128Cols128)]
    [InlineData(1, 4096, false, Int8MmaTile.Rows64Cols128)]
    [InlineData(8192, 8192, false, Int8MmaTile.Rows128Cols128)]
    public void Tile_choice_follows_the_measured_ranges(int rows, int cols, bool warpgroupMma, Int8MmaTile expected) =>
        Assert.Equal(expected, Int8MmaGemm.ChooseTile(rows, cols, warpgroupMma));

    [Theory]
    [InlineData(1, 4096, 1024, 132, 8)]
    [InlineData(1, 4096, 2752, 132, 8)]
    [InlineData(64, 4096, 1024, 132, 8)]
    [InlineData(65, 4096, 1024, 132, 1)] // 64 tiles: more than a quarter of the SMs
    [InlineData(128, 4096, 1024, 132, 1)]
    [InlineData(16, 11008, 1024, 132, 1)]
    [InlineData(1, 2048, 1024, 132, 16)]
    [InlineData(1024, 4096, 1024, 132, 1)]
    [InlineData(1, 4096, 16, 132, 1)]
    [InlineData(1, 64, 128, 132, 2)]
    [InlineData(1, 64, 24, 132, 1)]
    public void K_splits_only_fill_a_grid_of_at_most_a_quarter_of_the_sms_with_at_least_four_k_tiles_each(int rows, int cols, int words, int multiprocessors, int expected)
    {
        // Hopper's small-M tile (64 × 128); 16 words per K tile.
        int splits = Int8MmaGemm.ChooseKSplits(Int8MmaTile.WgmmaRows64Cols128, rows, cols, words, multiprocessors);
        Assert.Equal(expected, splits);
        int kTiles = Int8MmaGemm.KTiles(words);
        int perSplit = Int8MmaGemm.KTilesPerSplit(kTiles, splits);
        Assert.True(splits == 1 || perSplit >= Int8MmaGemm.MinKTilesPerSplit, "every split has at least four K tiles");
        Assert.True((splits - 1) * perSplit < kTiles, "the last split is not empty");
    }

    [Fact]
    public void A_split_without_room_in_the_workspace_is_rejected_with_the_shapes()
    {
        using var a = Gpu.Allocate<int>(8 * 64);
        using var b = Gpu.Allocate<int>(8 * 64);
        using var small = Gpu.Allocate<int>(10);
        var operands = Int8MmaOperands.Create(a.View.AsContiguous(), b.View.AsContiguous(), 8, 8, 64);
        var error = Assert.Throws<ArgumentException>(() => operands.WithKSplits(Int8MmaTile.Rows64Cols128, 2, small.View.AsContiguous(), small.View.AsContiguous()));
        Assert.Contains("[8 × 8]", error.Message, StringComparison.Ordinal);
        Assert.Contains("64 workspace sums", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The LLM.int8 epilogue staged in the ring (<see cref="Int8OutlierTileEpilogue.Prepare"/>) and stored in
    /// pairs gives exactly the bits of the per-element formula — scales, then the outlier sum in column order, then bias —
    /// for both tiles, odd column counts (the last pair has one column: scalar stores), no outliers and many, and with K
    /// split over blocks (the epilogue then runs in the tile's last block, on the totals).
    /// </summary>
    [Theory]
    [InlineData(Int8MmaTile.Rows128Cols128, 70, 71, 96, 6, true, 1)]
    [InlineData(Int8MmaTile.Rows128Cols128, 33, 130, 64, 40, false, 1)]
    [InlineData(Int8MmaTile.Rows64Cols128, 65, 129, 64, 0, true, 1)]
    [InlineData(Int8MmaTile.Rows64Cols128, 1, 40, 32, 6, true, 1)]
    [InlineData(Int8MmaTile.Rows64Cols128, 70, 66, 40, 13, true, 1)]
    [InlineData(Int8MmaTile.WgmmaRows128Cols128, 70, 71, 96, 6, true, 1)]
    [InlineData(Int8MmaTile.WgmmaRows64Cols128, 65, 129, 64, 3, false, 1)]
    [InlineData(Int8MmaTile.WgmmaRows128Cols256, 70, 260, 96, 6, true, 1)]
    [InlineData(Int8MmaTile.Rows64Cols128, 70, 66, 264, 13, true, 3)]
    [InlineData(Int8MmaTile.WgmmaRows64Cols128, 1, 130, 520, 6, true, 5)]
    public void Staged_outlier_epilogue_gives_the_per_element_bits(Int8MmaTile tile, int rows, int cols, int k, int count, bool hasBias, int splits)
    {
        var random = new Random((rows * 7919) + (cols * 31) + count);
        var a = Codes(random, rows * k);
        var b = Codes(random, cols * k);
        var sums = GemvReference.Int8Product(a, b, rows, cols, k);
        float[] rowAbsMax = Values(random, rows, 0.5f, 4f);
        float[] colAbsMax = Values(random, cols, 0.01f, 0.2f);
        float[] bias = Values(random, cols, -1f, 1f);
        float[] outlierX = Values(random, Math.Max(1, rows * count), -40f, 40f);
        float[] outlierW = Values(random, Math.Max(1, cols * count), -0.3f, 0.3f);
        var expected = new float[rows * cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                float y = Int8Format.DequantizeProduct(sums[(r * cols) + c], rowAbsMax[r], colAbsMax[c]);
                float sum = 0f;
                for (int q = 0; q < count; q++)
                {
                    sum += outlierX[(r * count) + q] * outlierW[(c * count) + q];
                }

                y += sum;
                expected[(r * cols) + c] = hasBias ? y + bias[c] : y;
            }
        }

        int words = Int8Format.RoundUp(k, Int8MmaGemm.KMultiple) / 4;
        using var aBuffer = Gpu.Allocate<int>(rows * words);
        using var bBuffer = Gpu.Allocate<int>(cols * words);
        using var rowScales = Gpu.Allocate<float>(rows);
        using var colScales = Gpu.Allocate<float>(cols);
        using var biasBuffer = Gpu.Allocate<float>(cols);
        using var countBuffer = Gpu.Allocate<int>(1);
        using var xBuffer = Gpu.Allocate<float>(outlierX.Length);
        using var wBuffer = Gpu.Allocate<float>(outlierW.Length);
        using var output = Gpu.Allocate<float>(rows * cols);
        aBuffer.View.CopyFromCPU(Gpu.Stream, Pack(a, rows, k, words));
        bBuffer.View.CopyFromCPU(Gpu.Stream, Pack(b, cols, k, words));
        rowScales.View.CopyFromCPU(Gpu.Stream, rowAbsMax);
        colScales.View.CopyFromCPU(Gpu.Stream, colAbsMax);
        biasBuffer.View.CopyFromCPU(Gpu.Stream, bias);
        countBuffer.View.CopyFromCPU(Gpu.Stream, new[] { count });
        xBuffer.View.CopyFromCPU(Gpu.Stream, outlierX);
        wBuffer.View.CopyFromCPU(Gpu.Stream, outlierW);
        var operands = new Int8OutlierOperands
        {
            RowAbsMax = rowScales.View.AsContiguous(),
            ColAbsMax = colScales.View.AsContiguous(),
            Bias = biasBuffer.View.AsContiguous(),
            HasBias = hasBias ? 1 : 0,
            OutlierCount = countBuffer.View.AsContiguous(),
            OutlierX = xBuffer.View.AsContiguous(),
            OutlierW = wBuffer.View.AsContiguous(),
            Y = output.View.AsContiguous(),
        };
        using var splitSums = Gpu.Allocate<int>(rows * cols);
        using var tickets = Gpu.Allocate<int>(Int8MmaGemm.Tiles(tile, rows, cols));
        splitSums.MemSetToZero(Gpu.Stream);
        tickets.MemSetToZero(Gpu.Stream);
        var gemm = Int8MmaOperands.Create(aBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), rows, cols, words)
            .WithKSplits(tile, splits, splitSums.View.AsContiguous(), tickets.View.AsContiguous());
        Assert.Equal(splits, gemm.KSplits);
        var epilogue = new Int8OutlierTileEpilogue(operands, cols, decompose: true, outlierWeightsFromInt8: false);
        Gpu.Launch(Int8MmaGemm.KernelFor<Int8OutlierTileEpilogue>(tile), Int8MmaGemm.Config(tile, gemm), gemm, epilogue);

        Assert.Equal(expected, output.GetAsArray1D());
    }

    private static float[] Values(Random random, int count, float low, float high)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = low + ((high - low) * random.NextSingle());
        }

        return values;
    }

    private static sbyte[] Codes(Random random, int count)
    {
        var codes = new sbyte[count];
        for (int i = 0; i < count; i++)
        {
            codes[i] = (sbyte)random.Next(-127, 128);
        }

        return codes;
    }

    /// <summary>Packs [rows × k] codes four per word, rows padded with zero codes to <paramref name="words"/> words.</summary>
    internal static int[] Pack(sbyte[] codes, int rows, int k, int words)
    {
        var packed = new int[rows * words];
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < k; i++)
            {
                packed[(r * words) + (i / 4)] |= (codes[(r * k) + i] & 0xFF) << (8 * (i % 4));
            }
        }

        return packed;
    }
}
