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
    /// The LLM.int8 epilogue staged in the ring (<see cref="Int8OutlierTileEpilogue.Prepare"/>) and stored in
    /// pairs gives exactly the bits of the per-element formula — scales, then the outlier sum in column order, then bias —
    /// for both tiles, odd column counts (the last pair has one column: scalar stores), no outliers and many.
    /// </summary>
    [Theory]
    [InlineData(Int8MmaTile.Rows128Cols128, 70, 71, 96, 6, true)]
    [InlineData(Int8MmaTile.Rows128Cols128, 33, 130, 64, 40, false)]
    [InlineData(Int8MmaTile.Rows64Cols128, 65, 129, 64, 0, true)]
    [InlineData(Int8MmaTile.Rows64Cols128, 1, 40, 32, 6, true)]
    [InlineData(Int8MmaTile.Rows64Cols128, 70, 66, 40, 13, true)]
    [InlineData(Int8MmaTile.WgmmaRows128Cols128, 70, 71, 96, 6, true)]
    [InlineData(Int8MmaTile.WgmmaRows64Cols128, 65, 129, 64, 3, false)]
    [InlineData(Int8MmaTile.WgmmaRows128Cols256, 70, 260, 96, 6, true)]
    public void Staged_outlier_epilogue_gives_the_per_element_bits(Int8MmaTile tile, int rows, int cols, int k, int count, bool hasBias)
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
        var gemm = Int8MmaOperands.Create(aBuffer.View.AsContiguous(), bBuffer.View.AsContiguous(), rows, cols, words);
        var epilogue = new Int8OutlierTileEpilogue(operands, cols, decompose: true, outlierWeightsFromInt8: false);
        Gpu.Launch(Int8MmaGemm.KernelFor<Int8OutlierTileEpilogue>(tile), Int8MmaGemm.Config(tile, rows, cols), gemm, epilogue);

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
