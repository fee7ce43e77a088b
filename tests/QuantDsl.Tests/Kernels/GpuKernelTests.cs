using ILGPU;
using ILGPU.Runtime;
using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Gemm;
using QuantDsl.Kernels.Gpu;
using QuantDsl.Oracle;
using QuantDsl.Tests.Backends;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// The library's ILGPU kernels and device functions, run on ILGPU's CPU accelerator (the same IL that
/// CUDA compiles, with the managed twins of the PTX pieces), against the oracle.
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class GpuKernelTests(DeviceFixture devices)
{
    private Runtime.GpuBackend Gpu => devices.Get(Backend.IlgpuCpu).Gpu;

    [Theory]
    [InlineData(3, 33)]
    [InlineData(5, 256)]
    [InlineData(2, 300)]
    [InlineData(2, 4096)] // four quads per thread, kept in registers
    [InlineData(2, 4100)] // one quad more: the two-pass loop
    [InlineData(1, 4097)] // not a multiple of 4: the scalar loop
    public void Row_quantization_codes_and_absmax_equal_the_oracle(int rows, int cols)
    {
        var source = Inputs.Normal(rows * cols, seed: cols, scale: 4f);
        int words = Int8Format.RoundUp(cols, 32) / 4;
        using var input = Gpu.Allocate<float>(source.Length);
        using var packed = Gpu.Allocate<int>(rows * words);
        using var absMax = Gpu.Allocate<float>(rows);
        using var nonFinite = Gpu.Allocate<int>(1);
        input.View.CopyFromCPU(Gpu.Stream, source);
        nonFinite.View.MemSetToZero(Gpu.Stream);

        Gpu.Launch(QuantizeKernels.QuantizeRowsInt8, QuantizeKernels.RowConfig(rows), input.View.AsContiguous(), packed.View.AsContiguous(), absMax.View.AsContiguous(), nonFinite.View.AsContiguous(), cols, words);

        var words1 = packed.GetAsArray1D();
        var maxima = absMax.GetAsArray1D();
        for (int r = 0; r < rows; r++)
        {
            var expected = Int8Reference.QuantizeVector(source.AsSpan(r * cols, cols), out float expectedMax);
            Assert.Equal(expectedMax, maxima[r]);
            for (int c = 0; c < words * 4; c++)
            {
                int code = Int8Format.Unpack(words1[(r * words) + (c / 4)], c % 4);
                Assert.Equal(c < cols ? expected[c] : 0, code);
            }
        }

        Assert.Equal(0, nonFinite.GetAsArray1D()[0]);
    }

    [Theory]
    [InlineData(70, 300, false)]
    [InlineData(70, 300, true)] // 5 row blocks of marking groups: the last one compacts
    [InlineData(16, 4100, true)]
    [InlineData(16, 4100, false)]
    [InlineData(16, 4099, true)] // three columns past the last whole flag quad (the compaction's last thread takes them)
    [InlineData(16, 4099, false)]
    public void Outlier_marking_and_compaction_equal_the_oracle_and_flagged_columns_are_zero_coded(int rows, int cols, bool fused)
    {
        var inputs = Inputs.WithOutlierColumns(rows, cols, 4, columns: 5, scale: 20f, seed: 9);
        inputs.X[(13 * cols) + 77] = -6f; // exactly at the threshold: an outlier (≥)
        inputs.X[(14 * cols) + 78] = float.NaN; // never an outlier, but counted as non-finite
        inputs.X[(2 * cols) + cols - 1] = 7f; // the last column
        var expected = Int8Reference.OutlierColumns(inputs.X, rows, cols, 6f);
        int words = Int8Format.RoundUp(cols, 32) / 4;
        using var x = Gpu.Allocate<float>(inputs.X.Length);
        using var flags = Gpu.Allocate<int>(cols);
        using var indices = Gpu.Allocate<int>(cols);
        using var count = Gpu.Allocate<int>(1);
        using var packed = Gpu.Allocate<int>(rows * words);
        using var absMax = Gpu.Allocate<float>(rows);
        using var nonFinite = Gpu.Allocate<int>(1);
        x.View.CopyFromCPU(Gpu.Stream, inputs.X);
        flags.View.MemSetToZero(Gpu.Stream);
        nonFinite.View.MemSetToZero(Gpu.Stream);

        using var ticket = Gpu.Allocate<int>(1);
        ticket.View.MemSetToZero(Gpu.Stream);
        for (int call = 0; call < (fused ? 2 : 1); call++)
        {
            // Fused: twice, the second call relying on the ticket the first left zero.
            flags.View.MemSetToZero(Gpu.Stream);
            count.View.MemSetToZero(Gpu.Stream);
            if (fused)
            {
                Gpu.Launch(MarkAndCompactAt6, OutlierColumns.MarkConfig(rows, cols), x.View.AsContiguous(), rows, cols, flags.View.AsContiguous(), indices.View.AsContiguous(), count.View.AsContiguous(), ticket.View.AsContiguous());
                Assert.Equal(0, ticket.GetAsArray1D()[0]);
            }
            else
            {
                Gpu.Launch(MarkAt6, OutlierColumns.MarkConfig(rows, cols), x.View.AsContiguous(), rows, cols, flags.View.AsContiguous());
                Gpu.Launch(OutlierColumns.Compact, OutlierColumns.CompactConfig, flags.View.AsContiguous(), cols, indices.View.AsContiguous(), count.View.AsContiguous());
            }
        }

        Gpu.Launch(QuantizeKernels.QuantizeRowsInt8ExcludingFlagged, QuantizeKernels.RowConfig(rows), x.View.AsContiguous(), flags.View.AsContiguous(), packed.View.AsContiguous(), absMax.View.AsContiguous(), nonFinite.View.AsContiguous(), cols, words);

        int found = count.GetAsArray1D()[0];
        Assert.Contains(77, expected);
        Assert.Contains(cols - 1, expected);
        Assert.Equal(expected, indices.GetAsArray1D().Take(found).ToArray());
        Assert.Equal(1, nonFinite.GetAsArray1D()[0]);
        var codes = packed.GetAsArray1D();
        foreach (int column in expected)
        {
            for (int r = 0; r < rows; r++)
            {
                Assert.Equal(0, Int8Format.Unpack(codes[(r * words) + (column / 4)], column % 4));
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 65, 33)]
    [InlineData(70, 20, 130)]
    public void Fp32Gemm_with_dequantized_int8_rows_matches_a_double_reference(int m, int n, int k)
    {
        // C[m×n] = A[m×k] · B[k×n] with B read as dequantized int8 rows (the dX = dY·W_deq product).
        var a = Inputs.Normal(m * k, seed: m + n + k);
        var bSource = Inputs.Normal(k * n, seed: m * n * k, scale: 0.3f);
        int words = Int8Format.RoundUp(n, 32) / 4;
        var packedHost = new int[k * words];
        var rowAbsMax = new float[k];
        var dequantized = new double[k * n];
        for (int r = 0; r < k; r++)
        {
            var codes = Int8Reference.QuantizeVector(bSource.AsSpan(r * n, n), out rowAbsMax[r]);
            for (int c = 0; c < n; c++)
            {
                packedHost[(r * words) + (c / 4)] |= (codes[c] & 0xFF) << (8 * (c % 4));
                dequantized[(r * n) + c] = codes[c] * (double)rowAbsMax[r] / 127.0;
            }
        }

        using var aBuffer = Gpu.Allocate<float>(a.Length);
        using var packed = Gpu.Allocate<int>(packedHost.Length);
        using var absMax = Gpu.Allocate<float>(k);
        using var c1 = Gpu.Allocate<float>(m * n);
        aBuffer.View.CopyFromCPU(Gpu.Stream, a);
        packed.View.CopyFromCPU(Gpu.Stream, packedHost);
        absMax.View.CopyFromCPU(Gpu.Stream, rowAbsMax);

        Gpu.Launch(
            InputGradientShape,
            Fp32Gemm.Config(m, n),
            new RowMajor(aBuffer.View.AsContiguous(), k),
            new DequantizedInt8Rows(packed.View.AsContiguous(), words, absMax.View.AsContiguous()),
            new StoreRowMajor(c1.View.AsContiguous(), n),
            m,
            n,
            k);

        var (expected, magnitude) = Reference(m, n, k, (r, kk) => a[(r * k) + kk], (kk, c) => dequantized[(kk * n) + c]);
        var report = Tolerance.Check(c1.GetAsArray1D(), expected, i => Tolerance.Fp32Sum(k, magnitude[i]));
        Assert.True(report.Passed, report.ToString());
    }

    [Theory]
    [InlineData(5, 9, 3)]
    [InlineData(66, 70, 17)]
    public void Fp32Gemm_accumulates_a_transposed_product(int m, int n, int k) =>
        CheckAccumulatedTransposedProduct(m, n, k, seed: 1, (dy, x, grad) => Gpu.Launch(WeightGradientShape, Fp32Gemm.Config(m, n), dy, x, grad, m, n, k));

    [Theory]
    [InlineData(40, 33, 1500)]
    [InlineData(50, 64, 4100)]
    public void Split_k_weight_gradient_accumulates_the_product_of_all_slices(int m, int n, int k)
    {
        // A long K over few output tiles: DeviceGemm splits it into K slices and adds them in order.
        int slices = Fp32Gemm.ChooseSlices(m, n, k, Gpu.Accelerator.NumMultiprocessors);
        Assert.True(slices > 1, $"expected a split product on {Gpu.Accelerator.NumMultiprocessors} multiprocessors, got {slices} slice");
        Assert.True((slices - 1) * Fp32Gemm.SliceDepth(k, slices) < k, "every slice must own part of K");
        CheckAccumulatedTransposedProduct(m, n, k, seed: 11, (dy, x, grad) => Runtime.DeviceGemm.Multiply(Gpu, Fp32Gemm.Kernel, dy, x, grad, m, n, k));
    }

    /// <summary>
    /// grad[m×n] += dYᵀ·X with dY [k×m] and X [k×n], starting from a non-zero gradient (the weight-gradient shape), run
    /// by <paramref name="multiply"/> and checked against the double reference within the float32 summation bound.
    /// </summary>
    private void CheckAccumulatedTransposedProduct(int m, int n, int k, int seed, Action<Transposed, RowMajor, AccumulateRowMajor> multiply)
    {
        var dy = Inputs.Normal(k * m, seed: seed);
        var x = Inputs.Normal(k * n, seed: seed + 1);
        var start = Inputs.Normal(m * n, seed: seed + 2);
        using var dyBuffer = Gpu.Allocate<float>(dy.Length);
        using var xBuffer = Gpu.Allocate<float>(x.Length);
        using var grad = Gpu.Allocate<float>(start.Length);
        dyBuffer.View.CopyFromCPU(Gpu.Stream, dy);
        xBuffer.View.CopyFromCPU(Gpu.Stream, x);
        grad.View.CopyFromCPU(Gpu.Stream, start);

        multiply(new Transposed(dyBuffer.View.AsContiguous(), m), new RowMajor(xBuffer.View.AsContiguous(), n), new AccumulateRowMajor(grad.View.AsContiguous(), n));

        var (product, magnitude) = Reference(m, n, k, (r, kk) => dy[(kk * m) + r], (kk, c) => x[(kk * n) + c]);
        var expected = product.Select((v, i) => v + start[i]).ToArray();
        var report = Tolerance.Check(grad.GetAsArray1D(), expected, i => Tolerance.Fp32Sum(k + 1, magnitude[i] + Math.Abs(start[i])));
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void Split_k_is_chosen_only_for_few_tiles_and_a_long_k()
    {
        // The H200 has 132 multiprocessors: TinyGpt's dW of the qkv projection (768 × 256 over 4096 tokens) has 48 tiles.
        Assert.Equal(6, Fp32Gemm.ChooseSlices(768, 256, 4096, 132));
        Assert.Equal(1, Fp32Gemm.ChooseSlices(4096, 768, 256, 132)); // a forward: 768 tiles
        Assert.Equal(1, Fp32Gemm.ChooseSlices(64, 64, 500, 132)); // K too short to split
        Assert.Equal(Fp32Gemm.MaxSlices, Fp32Gemm.ChooseSlices(1, 1, 1 << 20, 132));
        Assert.Equal(16, Fp32Gemm.SliceDepth(1, 1));
        Assert.Equal(688, Fp32Gemm.SliceDepth(4096, 6));
    }

    [Fact]
    public void Column_sums_accumulate_and_non_finite_values_are_counted()
    {
        // 137 rows: two full chunks of ReductionKernels.ChunkRows and a ragged third.
        const int Rows = 137, Cols = 300;
        var source = Inputs.Normal(Rows * Cols, seed: 4);
        source[5] = float.PositiveInfinity;
        source[Rows * Cols / 2] = float.NaN;
        using var input = Gpu.Allocate<float>(source.Length);
        using var sums = Gpu.Allocate<float>(Cols);
        using var count = Gpu.Allocate<int>(1);
        input.View.CopyFromCPU(Gpu.Stream, source);
        sums.View.CopyFromCPU(Gpu.Stream, Enumerable.Repeat(1f, Cols).ToArray());
        count.View.MemSetToZero(Gpu.Stream);

        Runtime.DeviceReductions.AccumulateColumnSums(Gpu, input.View.AsContiguous(), Rows, Cols, sums.View.AsContiguous());
        Gpu.Launch(ReductionKernels.CountNonFinite, ReductionKernels.Config(64), input.View.AsContiguous(), source.Length, count.View.AsContiguous());

        Assert.Equal(2, count.GetAsArray1D()[0]);
        var actual = sums.GetAsArray1D();
        for (int c = 0; c < Cols; c++)
        {
            if (c == 5 || c == (Rows * Cols / 2) % Cols)
            {
                continue; // columns holding the planted non-finite values
            }

            double expected = 1, magnitude = 1;
            for (int r = 0; r < Rows; r++)
            {
                expected += source[(r * Cols) + c];
                magnitude += Math.Abs(source[(r * Cols) + c]);
            }

            Assert.True(Math.Abs(actual[c] - expected) <= Tolerance.Fp32Sum(Rows, magnitude), $"column {c}: {actual[c]} vs {expected}");
        }
    }

    [Fact]
    public void The_bias_row_is_added_to_every_row()
    {
        const int Rows = 5, Cols = 300;
        var matrix = Inputs.Normal(Rows * Cols, seed: 8);
        var bias = Inputs.Normal(Cols, seed: 9);
        using var deviceMatrix = Gpu.Allocate<float>(matrix.Length);
        using var deviceBias = Gpu.Allocate<float>(Cols);
        deviceMatrix.View.CopyFromCPU(Gpu.Stream, matrix);
        deviceBias.View.CopyFromCPU(Gpu.Stream, bias);

        Gpu.Launch(ReductionKernels.AddRowVector, ReductionKernels.Config(Rows * Cols), deviceMatrix.View.AsContiguous(), deviceBias.View.AsContiguous(), Rows, Cols);

        var actual = deviceMatrix.GetAsArray1D();
        for (int i = 0; i < matrix.Length; i++)
        {
            Assert.Equal(matrix[i] + bias[i % Cols], actual[i]);
        }
    }

    /// <summary>
    /// The one-token kernel (<see cref="OneTokenOutliers"/>) gives what the marking, the compaction and the excluding
    /// quantizer give together: the outlier list and count, every code word (padding included), the absmax and the
    /// NaN/±∞ count, with a value exactly at the threshold, a NaN, a +∞ (an outlier column, as in the marking), rows of
    /// one quad per thread and more (4100 columns: 1025 quads over 1024 threads), and no outliers at all.
    /// </summary>
    [Theory]
    [InlineData(40, true)]
    [InlineData(300, true)]
    [InlineData(4100, true)]
    [InlineData(4100, false)]
    public void One_token_kernel_equals_marking_compaction_and_quantization(int cols, bool withOutliers)
    {
        var inputs = Inputs.WithOutlierColumns(1, cols, 4, columns: withOutliers ? 3 : 0, scale: 20f, seed: 19);
        var x = inputs.X;
        if (withOutliers)
        {
            x[7] = -6f; // exactly at the threshold
            x[cols - 2] = float.PositiveInfinity;
        }

        x[(cols / 2) + 1] = float.NaN; // next to a planted column, not on one
        int words = Int8Format.RoundUp(cols, 32) / 4;
        using var source = Gpu.Allocate<float>(cols);
        using var flags = Gpu.Allocate<int>(cols);
        using var ticket = Gpu.Allocate<int>(1);
        using var expectedIndices = Gpu.Allocate<int>(cols);
        using var expectedCount = Gpu.Allocate<int>(1);
        using var expectedCodes = Gpu.Allocate<int>(words);
        using var expectedAbsMax = Gpu.Allocate<float>(1);
        using var expectedBad = Gpu.Allocate<int>(1);
        using var indices = Gpu.Allocate<int>(cols);
        using var count = Gpu.Allocate<int>(1);
        using var codes = Gpu.Allocate<int>(words);
        using var absMax = Gpu.Allocate<float>(1);
        using var bad = Gpu.Allocate<int>(1);
        source.View.CopyFromCPU(Gpu.Stream, x);
        foreach (var zeroed in new[] { flags, ticket, expectedBad, bad })
        {
            zeroed.MemSetToZero(Gpu.Stream);
        }

        codes.View.CopyFromCPU(Gpu.Stream, Enumerable.Repeat(-1, words).ToArray()); // every word must be written
        Gpu.Launch(MarkAndCompactAt6, OutlierColumns.MarkConfig(1, cols), source.View.AsContiguous(), 1, cols, flags.View.AsContiguous(), expectedIndices.View.AsContiguous(), expectedCount.View.AsContiguous(), ticket.View.AsContiguous());
        Gpu.Launch(QuantizeKernels.QuantizeRowsInt8ExcludingFlagged, QuantizeKernels.RowConfig(1), source.View.AsContiguous(), flags.View.AsContiguous(), expectedCodes.View.AsContiguous(), expectedAbsMax.View.AsContiguous(), expectedBad.View.AsContiguous(), cols, words);
        Assert.True(OneTokenOutliers.Supports(cols));
        Gpu.Launch(OneTokenOutliers.Prepare, OneTokenOutliers.Config, source.View.AsContiguous(), cols, words, 6f, indices.View.AsContiguous(), count.View.AsContiguous(), codes.View.AsContiguous(), absMax.View.AsContiguous(), bad.View.AsContiguous());

        AssertSameActivationSide(
            withOutliers,
            (expectedIndices.GetAsArray1D(), expectedCount.GetAsArray1D()[0], expectedCodes.GetAsArray1D(), expectedAbsMax.GetAsArray1D(), expectedBad.GetAsArray1D()[0]),
            (indices.GetAsArray1D(), count.GetAsArray1D()[0], codes.GetAsArray1D(), absMax.GetAsArray1D(), bad.GetAsArray1D()[0]));
    }

    /// <summary>
    /// The decode-batch kernels (<see cref="DecodeOutliers"/>: marking by column slices, then coding) give what the marking,
    /// the compaction and the excluding quantizer give together: the outlier list and count, every code word of every row
    /// (padding included), each row's absmax and the NaN/±∞ count, with a value exactly at the threshold in one row only,
    /// a NaN and a +∞ in others, one and two token tiles' worth of rows (row blocks past the batch), one slice and many
    /// (4100 columns: 17 slices), two steps per slice (16400 columns: 64 slices), and no outliers at all.
    /// </summary>
    [Theory]
    [InlineData(2, 40, true)]
    [InlineData(9, 300, true)]
    [InlineData(16, 4100, true)]
    [InlineData(5, 4100, false)]
    [InlineData(3, 16400, true)]
    public void Decode_batch_kernels_equal_marking_compaction_and_quantization(int rows, int cols, bool withOutliers)
    {
        var inputs = Inputs.WithOutlierColumns(rows, cols, 4, columns: withOutliers ? 3 : 0, scale: 20f, seed: 29 + rows);
        var x = inputs.X;
        if (withOutliers)
        {
            x[cols + 7] = -6f; // exactly at the threshold, in the second row only
            x[((rows - 1) * cols) + cols - 2] = float.PositiveInfinity;
        }

        x[(cols / 2) + 1] = float.NaN; // next to a planted column, not on one
        int words = Int8Format.RoundUp(cols, 32) / 4;
        Assert.True(DecodeOutliers.Supports(rows, cols));
        int groups = DecodeOutliers.Groups(cols);
        using var source = Gpu.Allocate<float>(rows * cols);
        using var flags = Gpu.Allocate<int>(cols);
        using var ticket = Gpu.Allocate<int>(1);
        using var expectedIndices = Gpu.Allocate<int>(cols);
        using var expectedCount = Gpu.Allocate<int>(1);
        using var expectedCodes = Gpu.Allocate<int>(rows * words);
        using var expectedAbsMax = Gpu.Allocate<float>(rows);
        using var expectedBad = Gpu.Allocate<int>(1);
        using var masks = Gpu.Allocate<int>(cols / 4);
        using var partials = Gpu.Allocate<float>(DecodeOutliers.PartialsLength(cols));
        using var sliceCounts = Gpu.Allocate<int>(groups);
        using var indices = Gpu.Allocate<int>(cols);
        using var count = Gpu.Allocate<int>(1);
        using var codes = Gpu.Allocate<int>(rows * words);
        using var absMax = Gpu.Allocate<float>(rows);
        using var bad = Gpu.Allocate<int>(1);
        source.View.CopyFromCPU(Gpu.Stream, x);
        foreach (var zeroed in new[] { flags, ticket, expectedBad, bad })
        {
            zeroed.MemSetToZero(Gpu.Stream);
        }

        // Every word, mask and partial must be written (no clearing between calls).
        codes.View.CopyFromCPU(Gpu.Stream, Enumerable.Repeat(-1, rows * words).ToArray());
        masks.View.CopyFromCPU(Gpu.Stream, Enumerable.Repeat(-1, cols / 4).ToArray());
        partials.View.CopyFromCPU(Gpu.Stream, Enumerable.Repeat(1e30f, DecodeOutliers.PartialsLength(cols)).ToArray());
        Gpu.Launch(MarkAndCompactAt6, OutlierColumns.MarkConfig(rows, cols), source.View.AsContiguous(), rows, cols, flags.View.AsContiguous(), expectedIndices.View.AsContiguous(), expectedCount.View.AsContiguous(), ticket.View.AsContiguous());
        Gpu.Launch(QuantizeKernels.QuantizeRowsInt8ExcludingFlagged, QuantizeKernels.RowConfig(rows), source.View.AsContiguous(), flags.View.AsContiguous(), expectedCodes.View.AsContiguous(), expectedAbsMax.View.AsContiguous(), expectedBad.View.AsContiguous(), cols, words);
        Gpu.Launch(DecodeMarkAt6, DecodeOutliers.Config(cols), source.View.AsContiguous(), rows, cols, masks.View.AsContiguous(), partials.View.AsContiguous(), sliceCounts.View.AsContiguous(), bad.View.AsContiguous());
        Gpu.Launch(DecodeOutliers.Code, DecodeOutliers.Config(cols), source.View.AsContiguous(), rows, cols, words, masks.View.AsContiguous(), partials.View.AsContiguous(), sliceCounts.View.AsContiguous(), indices.View.AsContiguous(), count.View.AsContiguous(), codes.View.AsContiguous(), absMax.View.AsContiguous());

        AssertSameActivationSide(
            withOutliers,
            (expectedIndices.GetAsArray1D(), expectedCount.GetAsArray1D()[0], expectedCodes.GetAsArray1D(), expectedAbsMax.GetAsArray1D(), expectedBad.GetAsArray1D()[0]),
            (indices.GetAsArray1D(), count.GetAsArray1D()[0], codes.GetAsArray1D(), absMax.GetAsArray1D(), bad.GetAsArray1D()[0]));
    }

    // A fused activation-side kernel against marking + compaction + the excluding quantizer: the same list, count, codes,
    // absmax and NaN/±∞ count (2 with the planted NaN and +∞, else 1), and at least the two planted outlier columns.
    private static void AssertSameActivationSide(
        bool withOutliers,
        (int[] Indices, int Count, int[] Codes, float[] AbsMax, int Bad) expected,
        (int[] Indices, int Count, int[] Codes, float[] AbsMax, int Bad) actual)
    {
        int found = actual.Count;
        Assert.Equal(expected.Count, found);
        Assert.True(withOutliers ? found >= 2 : found == 0, $"{found} outlier columns"); // at least the one at the threshold and +∞
        Assert.Equal(expected.Indices.Take(found), actual.Indices.Take(found));
        Assert.Equal(expected.Codes, actual.Codes);
        Assert.Equal(expected.AbsMax, actual.AbsMax);
        Assert.Equal(withOutliers ? 2 : 1, actual.Bad);
        Assert.Equal(expected.Bad, actual.Bad);
    }

    private static void DecodeMarkAt6(ArrayView<float> x, int rows, int cols, ArrayView<int> masks, ArrayView<float> partials, ArrayView<int> sliceCounts, ArrayView<int> nonFinite) =>
        DecodeOutliers.Mark(x, rows, cols, 6f, masks, partials, sliceCounts, nonFinite);

    private static void MarkAt6(ArrayView<float> x, int rows, int cols, ArrayView<int> flags) =>
        OutlierColumns.Mark(x, rows, cols, 6f, flags);

    private static void MarkAndCompactAt6(ArrayView<float> x, int rows, int cols, ArrayView<int> flags, ArrayView<int> indices, ArrayView<int> count, ArrayView<int> ticket) =>
        OutlierColumns.MarkAndCompact(x, rows, cols, 6f, flags, indices, count, ticket);

    private static void InputGradientShape(RowMajor a, DequantizedInt8Rows b, StoreRowMajor c, int m, int n, int k) =>
        Fp32Gemm.Kernel(a, b, c, m, n, k);

    private static void WeightGradientShape(Transposed a, RowMajor b, AccumulateRowMajor c, int m, int n, int k) =>
        Fp32Gemm.Kernel(a, b, c, m, n, k);

    private static (double[] Product, double[] Magnitude) Reference(int m, int n, int k, Func<int, int, double> a, Func<int, int, double> b)
    {
        var product = new double[m * n];
        var magnitude = new double[m * n];
        for (int r = 0; r < m; r++)
        {
            for (int c = 0; c < n; c++)
            {
                for (int kk = 0; kk < k; kk++)
                {
                    double term = a(r, kk) * b(kk, c);
                    product[(r * n) + c] += term;
                    magnitude[(r * n) + c] += Math.Abs(term);
                }
            }
        }

        return (product, magnitude);
    }
}
