using ILGPU.Runtime;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Gpu;
using QuantDsl.Kernels.Simd;
using QuantDsl.Oracle;
using QuantDsl.Tests.Backends;

namespace QuantDsl.Tests.Fp4;

/// <summary>
/// <see cref="Fp4Kernels.QuantizeRows"/> with OCC on ILGPU's CPU accelerator: the radix-selected clamp bounds must be the
/// oracle's sorted-row quantiles exactly, so γ, every code and every residual equal the CPU pass bit for bit, also for
/// rows with ties, signed zeros, a constant row, rows narrower than a group and rows wider than one.
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class Fp4QuantizeKernelTests(DeviceFixture devices)
{
    private Runtime.GpuBackend Gpu => devices.Get(Backend.IlgpuCpu).Gpu;

    [Theory]
    [InlineData(1, 0.99)]
    [InlineData(3, 0.99)]
    [InlineData(70, 0.99)]
    [InlineData(256, 0.99)]
    [InlineData(1000, 0.99)]
    [InlineData(333, 0.97)]
    [InlineData(64, 0.5)]
    public void Clamped_rows_equal_the_cpu_pass_and_the_oracle_bounds(int cols, double quantile)
    {
        var rows = TestRows(cols);
        int rowCount = rows.Length;
        var source = rows.SelectMany(r => r).ToArray();
        int words = Int8Format.RoundUp(cols, 32) / 4;
        int lower = OutlierClamp.LowerIndex(quantile, cols);
        int upper = OutlierClamp.UpperIndex(quantile, cols);

        using var input = Gpu.Allocate<float>(source.Length);
        using var packed = Gpu.Allocate<int>(rowCount * words);
        using var gamma = Gpu.Allocate<float>(rowCount);
        using var residual = Gpu.Allocate<float>(source.Length);
        using var nonFinite = Gpu.Allocate<int>(1);
        input.View.CopyFromCPU(Gpu.Stream, source);
        nonFinite.View.MemSetToZero(Gpu.Stream);
        Gpu.Launch(
            Fp4Kernels.QuantizeRows, Fp4Kernels.RowConfig(rowCount), input.View.AsContiguous(), cols, words, lower, upper, 0,
            packed.View.AsContiguous(), gamma.View.AsContiguous(), residual.View.AsContiguous(), nonFinite.View.AsContiguous());

        var cpuCodes = new sbyte[rowCount * words * 4];
        var cpuGamma = new float[rowCount];
        var cpuResidual = new float[source.Length];
        Assert.Equal(0, Fp4RowsCpu.QuantizeRows(source, rowCount, cols, quantile, false, cpuCodes, words * 4, cpuGamma, cpuResidual));
        Assert.Equal(0, nonFinite.GetAsArray1D()[0]);

        var gpuWords = packed.GetAsArray1D();
        var gpuGamma = gamma.GetAsArray1D();
        var gpuResidual = residual.GetAsArray1D();
        for (int r = 0; r < rowCount; r++)
        {
            var (lo, hi) = Fp4Reference.ClampBounds(rows[r], quantile);
            Assert.Equal(Fp4Reference.Gamma(Math.Max(Math.Abs(lo), Math.Abs(hi)), false), gpuGamma[r]);
            Assert.Equal(cpuGamma[r], gpuGamma[r]);
            for (int c = 0; c < cols; c++)
            {
                int i = (r * cols) + c;
                Assert.True(
                    cpuCodes[(r * words * 4) + c] == Int8Format.Unpack(gpuWords[(r * words) + (c / 4)], c % 4),
                    $"row {r} col {c}: code {Int8Format.Unpack(gpuWords[(r * words) + (c / 4)], c % 4)}, CPU {cpuCodes[(r * words * 4) + c]}");
                Assert.Equal(source[i] - Math.Clamp(source[i], lo, hi), gpuResidual[i]);
                Assert.Equal(cpuResidual[i], gpuResidual[i]);
            }
        }
    }

    [Theory]
    [InlineData(3, 0.99)]
    [InlineData(700, 0.99)]
    [InlineData(1000, 0.9)]
    public void Residual_rows_compact_to_their_nonzero_entries_in_column_order(int cols, double quantile)
    {
        // Residuals as OCC leaves them: nonzero exactly where a row's element lies outside its clamp bounds.
        var rows = TestRows(cols);
        var residual = rows.SelectMany(r =>
        {
            var (lo, hi) = Fp4Reference.ClampBounds(r, quantile);
            return r.Select(v => v - Math.Clamp(v, lo, hi));
        }).ToArray();
        int capacity = OutlierClamp.MaxClamped(quantile, cols);
        using var input = Gpu.Allocate<float>(residual.Length);
        using var columns = Gpu.Allocate<int>(rows.Length * capacity);
        using var values = Gpu.Allocate<float>(rows.Length * capacity);
        using var counts = Gpu.Allocate<int>(rows.Length);
        input.View.CopyFromCPU(Gpu.Stream, residual);
        Gpu.Launch(
            Fp4Kernels.CompactResidualRows, Fp4Kernels.RowConfig(rows.Length), input.View.AsContiguous(), cols, capacity,
            columns.View.AsContiguous(), values.View.AsContiguous(), counts.View.AsContiguous());

        var gpuColumns = columns.GetAsArray1D();
        var gpuValues = values.GetAsArray1D();
        var gpuCounts = counts.GetAsArray1D();
        for (int r = 0; r < rows.Length; r++)
        {
            var expected = Enumerable.Range(0, cols).Where(c => residual[(r * cols) + c] != 0f).ToArray();
            Assert.True(expected.Length <= capacity, $"row {r}: {expected.Length} clamped entries exceed the bound {capacity}");
            Assert.Equal(expected.Length, gpuCounts[r]);
            Assert.Equal(expected, gpuColumns.AsSpan(r * capacity, expected.Length).ToArray());
            Assert.Equal(expected.Select(c => residual[(r * cols) + c]).ToArray(), gpuValues.AsSpan(r * capacity, expected.Length).ToArray());
        }
    }

    // A normal row with a few large outliers, a row of heavy ties around signed zeros, a constant row, and a row that
    // is ascending (ranks at the digit boundaries of the radix select are then hit exactly).
    private static float[][] TestRows(int cols)
    {
        var normal = Inputs.Normal(cols, seed: cols, scale: 2f);
        for (int c = 0; c < cols; c += 37)
        {
            normal[c] *= 40f;
        }

        var ties = Enumerable.Range(0, cols).Select(c => (c % 5) switch { 0 => -0f, 1 => 0f, 2 => 1.5f, 3 => -1.5f, _ => -1e-30f }).ToArray();
        var constant = Enumerable.Repeat(-3.25f, cols).ToArray();
        var ascending = Enumerable.Range(0, cols).Select(c => (c - (cols / 2)) * 0.125f).ToArray();
        return [normal, ties, constant, ascending];
    }
}
