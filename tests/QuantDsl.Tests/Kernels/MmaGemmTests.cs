using ILGPU.Runtime;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Gemm;
using QuantDsl.Oracle;
using QuantDsl.Tests.Backends;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// The tensor-core int8 main loop, run on ILGPU's CPU accelerator (the managed mma fragment twin), against the exact
/// int32 oracle, including shapes that are not tile multiples, M = 1 and K not a multiple of the 64-code stage.
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class MmaGemmTests(DeviceFixture devices)
{
    private Runtime.GpuBackend Gpu => devices.Get(Backend.IlgpuCpu).Gpu;

    [Theory]
    [InlineData(64, 64, 64)]
    [InlineData(1, 40, 72)]
    [InlineData(33, 17, 96)]
    [InlineData(70, 130, 64)]
    public void Int32_sums_equal_the_oracle_exactly(int rows, int cols, int k)
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
        Gpu.Launch(
            Int8MmaGemm.Kernel,
            Int8MmaGemm.Config(rows, cols),
            aBuffer.View.AsContiguous(),
            bBuffer.View.AsContiguous(),
            new Int32StoreEpilogue(output.View.AsContiguous(), cols),
            rows,
            cols,
            words);

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
