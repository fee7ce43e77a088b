using ILGPU.Runtime;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Gemm;
using QuantDsl.Oracle;
using QuantDsl.Tests.Backends;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// The tensor-core int8 main loop, run on ILGPU's CPU accelerator (the managed mma fragment twin), against the exact
/// int32 oracle, for both tile shapes, including shapes that are not tile multiples, M = 1, K not a multiple of the
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
        if (tile == Int8MmaTile.Rows64Cols128)
        {
            Gpu.Launch(Int8MmaGemm.KernelRows64Cols128, Int8MmaGemm.Config(tile, rows, cols), operands, epilogue);
        }
        else
        {
            Gpu.Launch(Int8MmaGemm.KernelRows128Cols128, Int8MmaGemm.Config(tile, rows, cols), operands, epilogue);
        }

        Assert.Equal(expected, output.GetAsArray1D());
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
