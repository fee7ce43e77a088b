using ILGPU;
using ILGPU.Runtime;
using QuantDsl.Gpu.Layers;
using QuantDsl.Kernels.Epilogues;
using QuantDsl.Kernels.Gemm;
using QuantDsl.Kernels.Gemv;
using QuantDsl.Kernels.Gpu;
using QuantDsl.Runtime;

namespace QuantDsl.Gpu.Bench;

/// <summary>The --bench mode: see HarnessOptions.HelpText and BenchRecord for what is timed and reported.</summary>
internal sealed class GpuBench(HarnessOptions options, Log log)
{
    private const int OutlierColumnCount = 6;
    private const float OutlierScale = 20f;
    private const int CopyElements = 64 << 20;

    private readonly List<BenchRecord> records = [];
    private DeviceLimits limits = DeviceLimits.H100;
    private readonly List<string> failures = [];

    public int Run(IReadOnlyList<string> args)
    {
        BenchPlan plan;
        try
        {
            plan = BenchPlan.From(options);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }

        using var device = options.Device switch
        {
            DeviceChoice.Cuda when Device.IsCudaAvailable => Device.Cuda(),
            DeviceChoice.Cuda => throw new InvalidOperationException("CUDA is not available: ILGPU found no CUDA device. Try --device ilgpu-cpu with tiny --shapes."),
            DeviceChoice.IlgpuCpu => Device.IlgpuCpu(),
            _ => throw new InvalidOperationException("--bench times GPU kernels: use --device cuda (or ilgpu-cpu with tiny shapes to try it)."),
        };
        var gpu = device.Gpu;
        limits = DeviceLimits.For(device.Name);
        string command = "app " + string.Join(' ', args);
        string? jsonPath = options.OutDirectory is null ? null : Path.Combine(options.OutDirectory, "bench.json");
        log.Line($"bench on {device.Name}: shapes {string.Join(", ", plan.Weights.Select(w => $"{w.K}x{w.N}"))}; M {string.Join(", ", plan.Batches)}; {options.Reps} samples");
        using var cublas = CublasGemm.TryCreate(gpu.Accelerator, out string? noPeer);
        if (cublas is null)
        {
            log.Line($"cuBLAS peer skipped: {noPeer}");
        }

        TimeCopies(gpu);
        foreach (var (k, n) in plan.Weights)
        {
            using var withOutliers = new OutlierLayer(k, n, seed: 11);
            using var vectorWise = new VectorWiseLayer(k, n, seed: 11);
            withOutliers.MoveTo(device);
            vectorWise.MoveTo(device);
            float[] weight = vectorWise.Weight.Value.ToArray();
            foreach (int m in plan.Batches)
            {
                try
                {
                    TimeShape(device, cublas, withOutliers, vectorWise, weight, m, k, n);
                }
                catch (Exception error) when (error is InvalidOperationException or ArgumentException or OutOfMemoryException or AcceleratorException)
                {
                    failures.Add($"{m}x{k}x{n}: {error.GetType().Name}: {error.Message}");
                    log.Line($"  FAILED {m}x{k}x{n}: {error.Message}");
                }
            }

            if (jsonPath is not null)
            {
                BenchJson.Write(jsonPath, device.Name, command, options.Reps, records, failures, complete: false);
            }
        }

        if (jsonPath is not null)
        {
            BenchJson.Write(jsonPath, device.Name, command, options.Reps, records, failures, complete: true);
            log.Line($"wrote {jsonPath}");
        }

        log.Line($"{records.Count} timings, {failures.Count} failures");
        return failures.Count == 0 ? 0 : 1;
    }

    private void TimeCopies(GpuBackend gpu)
    {
        var accelerator = gpu.Accelerator;
        int elements = accelerator.AcceleratorType == AcceleratorType.CPU ? 1 << 16 : CopyElements;
        using var source = gpu.Allocate<float>(elements);
        using var destination = gpu.Allocate<float>(elements);
        var pattern = new float[elements];
        for (int i = 0; i < pattern.Length; i++)
        {
            pattern[i] = i;
        }

        source.CopyFromCPU(pattern);
        double bytes = 2.0 * elements * sizeof(float);
        var config = new KernelConfig(Math.Max(1, accelerator.NumMultiprocessors) * 8, 256);
        double kernelMs = BenchTimer.MedianMilliseconds(() => gpu.Launch(BenchKernels.Copy, config, Flat(source), Flat(destination)), gpu.Synchronize, options.Reps, batch: true);
        RequireEqual("copy kernel", destination.GetAsArray1D(), pattern);
        destination.MemSetToZero();
        double memcpyMs = BenchTimer.MedianMilliseconds(() => Flat(source).CopyTo(Flat(destination)), gpu.Synchronize, options.Reps, batch: true);
        RequireEqual("device memcpy", destination.GetAsArray1D(), pattern);
        foreach (var (kind, ms) in new[] { ("copy-kernel", kernelMs), ("copy-memcpy", memcpyMs) })
        {
            double gbps = bytes / (ms * 1e6);
            records.Add(new BenchRecord(kind, elements, 0, 0, ms, 0, gbps, 100 * gbps / limits.HbmGBps, limits.HbmLabel));
            log.Line($"  {kind,-15} {elements * 4.0 / (1 << 20):F2} MiB read + written: {ms:F3} ms, {gbps:F0} GB/s = {100 * gbps / limits.HbmGBps:F1}% of HBM, {100 * gbps / limits.MeasuredCopyGBps:F1}% of the measured {limits.MeasuredCopyGBps:F0} GB/s copy");
        }
    }

    private void TimeShape(Device device, CublasGemm? cublas, QuantLinear withOutliers, QuantLinear vectorWise, float[] weight, int m, int k, int n)
    {
        var gpu = device.Gpu;
        double flops = 2.0 * m * n * k;
        float[] input = Activations(m, k);
        using var x = Tensor.FromArray(device, input, m, k);
        log.Line($"{m}x{k}x{n} (M x K x N):");

        double fp16Ms = double.NaN, bf16Ms = double.NaN;
        if (cublas is not null)
        {
            fp16Ms = TimeCublas(gpu, cublas, input, weight, m, k, n, CublasNative.DataFloat16, "cublas-fp16");
            bf16Ms = TimeCublas(gpu, cublas, input, weight, m, k, n, CublasNative.DataBFloat16, "cublas-bf16");
        }

        void AddInt8(string kind, double ms, string note)
        {
            double tops = flops / (ms * 1e9);
            double weightGBps = (double)n * k / (ms * 1e6);
            records.Add(new BenchRecord(kind, m, k, n, ms, tops, weightGBps, 100 * tops / limits.Int8Tops, limits.Int8Label)
            {
                SpeedupVsFp16 = fp16Ms / ms,
                SpeedupVsBf16 = bf16Ms / ms,
            });
            log.Line($"  {kind,-15} {ms,9:F4} ms {tops,8:F2} TOPS {100 * tops / limits.Int8Tops,6:F2}% of INT8   x{fp16Ms / ms:F2} vs fp16, x{bf16Ms / ms:F2} vs bf16 {note}");
        }

        // The whole layer forward, queued back to back like cuBLAS below (its NaN/±∞ check is deferred to the sample's
        // synchronization, the default), plus one row of a forward synchronized on its own (the latency of a lone call).
        // The variants are timed interleaved (one sample of each per round), so a clock or host drift during the shape
        // hits all of them alike: timed one after another, the first variant read up to 30 % slower at M = 1 (2026-12-04).
        int layerSplits = Int8MmaGemm.ChooseKSplits(
            Int8MmaGemm.ChooseTile(m, n, gpu.UseWarpgroupMma), m, n, Int8Weights.PaddedLength(k, BenchKernels.KMultiple) / 4, gpu.Accelerator.NumMultiprocessors);
        var variants = new List<(string Kind, string Note, Action Run)>
        {
            ("layer-t6", $"(threshold 6, {OutlierColumnCount} outlier columns)", () => Forward(withOutliers, x)),
            ("layer-t0", "(threshold 0)", () => Forward(vectorWise, x)),
            ("layer-t6-sync", "(threshold 6, each call synchronized: one lone forward's latency)", () => ForwardSynchronized(withOutliers, x)),
        };
        if (gpu.SupportsWarpgroupMma && m > 16)
        {
            // The same layer on the mma.sync tiles, in this process: what the wgmma tiles gain (up to 16 rows the layers
            // take mma.sync anyway).
            variants.Add(("layer-t6-mma", "(threshold 6 on the mma.sync tiles instead of wgmma)", () =>
            {
                gpu.UseWarpgroupMma = false;
                Forward(withOutliers, x);
                gpu.UseWarpgroupMma = true;
            }));
        }

        if (m <= Int8MmaSkinny.MaxRows)
        {
            // The same layer on the 64-row tile instead of the decode kernels (the one-token GEMV, the skinny kernel up to
            // 16 tokens): what they gain.
            variants.Add(("layer-t6-tile", "(threshold 6 on the 64-row tensor-core tile instead of the decode kernel)", () =>
            {
                gpu.UseDecodeGemv = false;
                Forward(withOutliers, x);
                gpu.UseDecodeGemv = true;
            }));
        }

        if (m > 1 && m <= Int8MmaSkinny.MaxRows && DecodeOutliers.Supports(m, k))
        {
            // The same layer with the general activation side (marking, per-row quantizer, gathers) instead of the slice
            // kernels the layers use at 2-16 tokens (GpuBackend.UseDecodeOutliers). Both give the same bits (checked
            // here once before timing).
            float[] general, sliced;
            using (var y0 = withOutliers.Forward(x))
            {
                sliced = y0.ToArray();
            }

            gpu.UseDecodeOutliers = false;
            using (var y1 = withOutliers.Forward(x))
            {
                general = y1.ToArray();
            }

            gpu.UseDecodeOutliers = true;
            RequireClose($"{m}x{k}x{n} layer with DecodeOutliers vs the general activation side", sliced, general, 0);
            variants.Add(("layer-t6-general-outliers", "(threshold 6, the general activation side: marking, per-row quantizer, gathers)", () =>
            {
                gpu.UseDecodeOutliers = false;
                Forward(withOutliers, x);
                gpu.UseDecodeOutliers = true;
            }));
        }

        int skinnySplits = Int8MmaSkinny.NormalizeKSplits(Int8Weights.PaddedLength(k, BenchKernels.KMultiple) / 4, 2);
        if (m > 1 && m <= Int8MmaSkinny.MaxRows && skinnySplits > 1)
        {
            // The same layer with the skinny kernel's K split two ways (the layers keep K whole: a split was slower on every H200 shape).
            variants.Add(("layer-t6-skinny-split", $"(threshold 6, the skinny kernel's K split {skinnySplits} ways)", () =>
            {
                gpu.GemmKSplits = skinnySplits;
                Forward(withOutliers, x);
                gpu.GemmKSplits = null;
            }));
        }

        if (layerSplits > 1 && m > Int8MmaSkinny.MaxRows)
        {
            // The same layer without the K split: what splitting the small grid gains.
            variants.Add(("layer-t6-unsplit", $"(threshold 6, K not split; layer-t6 splits it {layerSplits} ways)", () =>
            {
                gpu.GemmKSplits = 1;
                Forward(withOutliers, x);
                gpu.GemmKSplits = null;
            }));
        }

        double[] layerMs = BenchTimer.MedianMillisecondsInterleaved(variants.Select(variant => variant.Run).ToArray(), device.Synchronize, options.Reps, batch: true);
        for (int i = 0; i < variants.Count; i++)
        {
            AddInt8(variants[i].Kind, layerMs[i], variants[i].Note);
        }

        double t6Ms = layerMs[0], t0Ms = layerMs[1];

        int words = Int8Weights.PaddedLength(k, BenchKernels.KMultiple) / 4;
        using var xCodes = gpu.Allocate<int>((long)m * words);
        using var xAbsMax = gpu.Allocate<float>(m);
        using var weightCodes = gpu.Allocate<int>((long)n * words);
        using var weightAbsMax = gpu.Allocate<float>(n);
        using var nonFinite = gpu.Allocate<int>(1);
        using var flags = gpu.Allocate<int>(k);
        using var outliers = gpu.Allocate<int>(k);
        using var outlierCount = gpu.Allocate<int>(1);
        using var y = gpu.Allocate<float>((long)m * n);
        using var splitSums = gpu.Allocate<int>((long)m * n);
        using var tickets = gpu.Allocate<int>(BenchKernels.MaxTiles(m, n));
        splitSums.MemSetToZero();
        tickets.MemSetToZero();
        xCodes.MemSetToZero();
        weightCodes.MemSetToZero();
        nonFinite.MemSetToZero();
        gpu.Launch(QuantizeKernels.QuantizeRowsInt8, QuantizeKernels.RowConfig(n), vectorWise.Weight.Value.View, Flat(weightCodes), Flat(weightAbsMax), Flat(nonFinite), k, words);
        void Quantize() => gpu.Launch(QuantizeKernels.QuantizeRowsInt8, QuantizeKernels.RowConfig(m), x.View, Flat(xCodes), Flat(xAbsMax), Flat(nonFinite), k, words);
        Quantize();
        var operands = new Int8OutlierOperands
        {
            RowAbsMax = Flat(xAbsMax),
            ColAbsMax = Flat(weightAbsMax),
            Bias = vectorWise.Bias!.Value.View,
            HasBias = 1,
            Y = Flat(y),
        };
        var gemm = Int8MmaOperands.Create(Flat(xCodes), Flat(weightCodes), m, n, words);
        void LaunchGemm() => BenchKernels.LaunchInt8Gemm(gpu, gemm, operands, Flat(splitSums), Flat(tickets));
        double gemmMs = BenchTimer.MedianMilliseconds(LaunchGemm, gpu.Synchronize, options.Reps, batch: true);
        using (var layerY = vectorWise.Forward(x))
        {
            RequireClose($"raw int8 GEMM {m}x{k}x{n} vs the threshold-0 layer", y.GetAsArray1D(), layerY.ToArray(), 1e-6);
        }

        int gemmSplits = BenchKernels.Splits(gpu, gemm);
        AddInt8("int8-gemm", gemmMs, $"(pre-quantized operands, {Int8MmaGemm.ChooseTile(m, n, gpu.UseWarpgroupMma)}, K split {gemmSplits})");
        if (gpu.SupportsWarpgroupMma)
        {
            gpu.UseWarpgroupMma = false;
            double gemmMmaMs = BenchTimer.MedianMilliseconds(LaunchGemm, gpu.Synchronize, options.Reps, batch: true);
            gpu.UseWarpgroupMma = true;
            AddInt8("int8-gemm-mma", gemmMmaMs, $"(the same on {Int8MmaGemm.ChooseTile(m, n)}, K split {BenchKernels.Splits(gpu, gemm)})");
        }

        if (m <= Int8MmaSkinny.MaxRows && words % 4 == 0)
        {
            // The decode kernel the layers take at this size on the same operands (the tile row above is what it replaces).
            var decodeEpilogue = new Int8OutlierTileEpilogue(operands, n, decompose: false, outlierWeightsFromInt8: false);
            void LaunchDecode()
            {
                if (m == 1)
                {
                    gpu.Launch(Int8DotGemv.Kernel<Int8OutlierTileEpilogue>, Int8DotGemv.Config(n), gemm, decodeEpilogue);
                }
                else
                {
                    gpu.Launch(Int8MmaSkinny.Kernel<Int8OutlierTileEpilogue>, Int8MmaSkinny.Config(n), gemm, decodeEpilogue);
                }
            }

            double decodeMs = BenchTimer.MedianMilliseconds(LaunchDecode, gpu.Synchronize, options.Reps, batch: true);
            AddInt8("int8-gemm-decode", decodeMs, $"(the same operands on {(m == 1 ? "the one-token dp4a GEMV" : "the skinny mma kernel")})");
        }

        if (gemmSplits > 1)
        {
            gpu.GemmKSplits = 1;
            double gemmUnsplitMs = BenchTimer.MedianMilliseconds(LaunchGemm, gpu.Synchronize, options.Reps, batch: true);
            gpu.GemmKSplits = null;
            AddInt8("int8-gemm-unsplit", gemmUnsplitMs, "(the same tile, K not split)");
        }


        double quantizeMs = BenchTimer.MedianMilliseconds(Quantize, gpu.Synchronize, options.Reps, batch: true);
        double quantizeBytes = ((double)m * k * 4) + ((double)m * words * 4);
        AddBandwidth("quantize", m, k, n, quantizeMs, quantizeBytes, $"{100 * quantizeMs / t0Ms:F1}% of the threshold-0 layer");

        // What the layers run: the flags memset, then marking and compaction in one launch.
        using var markTicket = gpu.Allocate<int>(1);
        markTicket.MemSetToZero();
        void Detect()
        {
            Flat(flags).MemSetToZero();
            gpu.Launch(OutlierColumns.MarkAndCompact, OutlierColumns.MarkConfig(m, k), x.View, m, k, 6f, Flat(flags), Flat(outliers), Flat(outlierCount), Flat(markTicket));
        }

        double detectMs = BenchTimer.MedianMilliseconds(Detect, gpu.Synchronize, options.Reps, batch: true);
        int found = outlierCount.GetAsArray1D()[0];
        if (found != OutlierColumnCount)
        {
            throw new InvalidOperationException($"outlier detection on {m}x{k} found {found} columns, {OutlierColumnCount} were planted.");
        }

        AddBandwidth("outlier-detect", m, k, n, detectMs, (double)m * k * 4, $"{found} columns found");
        log.Line($"  decomposition overhead (layer-t6 - layer-t0): {t6Ms - t0Ms:F4} ms = {100 * (t6Ms - t0Ms) / t0Ms:F1}% of the threshold-0 layer");
    }

    private void AddBandwidth(string kind, int m, int k, int n, double ms, double bytes, string note)
    {
        double gbps = bytes / (ms * 1e6);
        records.Add(new BenchRecord(kind, m, k, n, ms, 0, gbps, 100 * gbps / limits.HbmGBps, limits.HbmLabel));
        log.Line($"  {kind,-15} {ms,9:F4} ms {gbps,8:F0} GB/s {100 * gbps / limits.HbmGBps,6:F1}% of HBM ({note})");
    }

    private double TimeCublas(GpuBackend gpu, CublasGemm cublas, float[] input, float[] weight, int m, int k, int n, int dataType, string kind)
    {
        Func<float, ushort> encode = dataType == CublasNative.DataFloat16 ? HalfBits.Fp16 : HalfBits.Bf16;
        Func<ushort, float> decode = dataType == CublasNative.DataFloat16 ? HalfBits.FromFp16 : HalfBits.FromBf16;
        ushort[] xHost = Array.ConvertAll(input, value => encode(value));
        ushort[] wHost = Array.ConvertAll(weight, value => encode(value));
        using var xBuffer = gpu.Allocate<ushort>(xHost.Length);
        using var wBuffer = gpu.Allocate<ushort>(wHost.Length);
        using var yBuffer = gpu.Allocate<ushort>((long)m * n);
        xBuffer.CopyFromCPU(xHost);
        wBuffer.CopyFromCPU(wHost);
        double ms = BenchTimer.MedianMilliseconds(() => cublas.Multiply(xBuffer, wBuffer, yBuffer, m, n, k, dataType), gpu.Synchronize, options.Reps, batch: true);

        // The transpose trick checked on samples against a float64 dot of the same 16-bit inputs.
        ushort[] yHost = yBuffer.GetAsArray1D();
        var random = new Random(5);
        double difference = 0, norm = 0;
        for (int sample = 0; sample < 64; sample++)
        {
            int row = random.Next(m), col = random.Next(n);
            double expected = 0;
            for (int i = 0; i < k; i++)
            {
                expected += (double)decode(xHost[((long)row * k) + i]) * decode(wHost[((long)col * k) + i]);
            }

            double got = decode(yHost[((long)row * n) + col]);
            difference += (got - expected) * (got - expected);
            norm += expected * expected;
        }

        double error = Math.Sqrt(difference / Math.Max(norm, double.Epsilon));
        double tolerance = dataType == CublasNative.DataFloat16 ? 2e-3 : 1e-2;
        if (!(error <= tolerance))
        {
            throw new InvalidOperationException($"{kind} {m}x{k}x{n} disagrees with a float64 dot of its inputs: relative error {error:E2} > {tolerance:E0}.");
        }

        double tops = 2.0 * m * n * k / (ms * 1e9);
        records.Add(new BenchRecord(kind, m, k, n, ms, tops, 2.0 * n * k / (ms * 1e6), 100 * tops / limits.Fp16Tops, limits.Fp16Label));
        log.Line($"  {kind,-15} {ms,9:F4} ms {tops,8:F2} TOPS {100 * tops / limits.Fp16Tops,6:F2}% of FP16  (sampled error {error:E1})");
        return ms;
    }

    /// <summary>A buffer as the dense view the kernels take (the implicit conversion does not reach generic inference).</summary>
    private static ArrayView<T> Flat<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer)
        where T : unmanaged => buffer.View;

    /// <summary>One forward queued (its output buffer goes back to the cache at once; the next call reuses it in stream order).</summary>
    private static void Forward(QuantLinear layer, Tensor x)
    {
        using var y = layer.Forward(x);
    }

    /// <summary>One forward and a wait for it (and its NaN/±∞ check).</summary>
    private static void ForwardSynchronized(QuantLinear layer, Tensor x)
    {
        using var y = layer.Forward(x);
        layer.Device.Synchronize();
    }

    /// <summary>Standard-normal activations with 6 planted outlier columns at 20× (magnitude at least 10).</summary>
    private static float[] Activations(int m, int k)
    {
        var values = new float[(long)m * k];
        Parallel.For(0, m, row =>
        {
            var random = new Random(1000 + row);
            for (int i = 0; i < k; i++)
            {
                double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
                values[((long)row * k) + i] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            }

            for (int c = 0; c < OutlierColumnCount; c++)
            {
                // Outlier features are large in every token: |x| ≥ 10 here, so each planted column is found at any M.
                long index = ((long)row * k) + (int)(((2L * c) + 1) * k / (2L * OutlierColumnCount));
                values[index] = MathF.CopySign(OutlierScale * MathF.Max(MathF.Abs(values[index]), 0.5f), values[index]);
            }
        });
        return values;
    }

    private static void RequireEqual(string what, float[] actual, float[] expected)
    {
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException($"{what} did not copy its {expected.Length} elements exactly.");
        }
    }

    private static void RequireClose(string what, float[] actual, float[] expected, double tolerance)
    {
        double difference = 0, norm = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = actual[i] - expected[i];
            difference += d * d;
            norm += (double)expected[i] * expected[i];
        }

        double error = Math.Sqrt(difference / Math.Max(norm, double.Epsilon));
        if (!(error <= tolerance))
        {
            throw new InvalidOperationException($"{what}: relative difference {error:E2} > {tolerance:E0}.");
        }
    }
}
