namespace QuantDsl.Gpu.Bench;

/// <summary>
/// One timed operation. <c>Kind</c>: layer-t6, layer-t0 (the [Int8Outliers] forward queued back to back, threshold 6 with 6 planted
/// outlier columns at 20×, and 0), layer-t6-sync (one forward and a wait, per call), int8-gemm (raw GEMM on pre-quantized operands), quantize (per-token int8 of X),
/// outlier-detect (marking and compacting outlier columns), cublas-fp16, cublas-bf16, copy-kernel, copy-memcpy.
/// Tops is 2·M·N·K/time for GEMM-like kinds and 0 otherwise; GBps the bytes moved per second where that is the measure.
/// </summary>
internal sealed record BenchRecord(string Kind, int M, int K, int N, double MedianMs, double Tops, double GBps, double PercentOfLimit, string LimitName)
{
    /// <summary>cuBLAS fp16 time ÷ this time: above 1 means faster than the fp16 peer (NaN when no peer ran).</summary>
    public double SpeedupVsFp16 { get; init; } = double.NaN;

    /// <summary>cuBLAS bf16 time ÷ this time.</summary>
    public double SpeedupVsBf16 { get; init; } = double.NaN;
}
