namespace QuantDsl.Gpu.Bench;

/// <summary>
/// Datasheet limits (dense) of the GPU the harness runs on, picked by device name, and the device-to-device copy
/// bandwidth measured on that machine (bytes read + written, KINDS.md / GPU.md). The H200 has the H100's compute and
/// faster HBM3e; an unknown device falls back to the H100 SXM figures and says so in <see cref="Name"/>.
/// </summary>
/// <param name="Name">Which figures these are.</param>
/// <param name="Int8Tops">Dense INT8 tensor-core peak, TOPS.</param>
/// <param name="Fp16Tops">Dense FP16/BF16 tensor-core peak, TFLOP/s.</param>
/// <param name="HbmGBps">HBM bandwidth, GB/s.</param>
/// <param name="MeasuredCopyGBps">Measured device copy, GB/s.</param>
internal sealed record DeviceLimits(string Name, double Int8Tops, double Fp16Tops, double HbmGBps, double MeasuredCopyGBps)
{
    /// <summary>H100 SXM: 1979 INT8 TOPS, 989 FP16, 3350 GB/s; copy measured 3.0 TB/s (2026-11-23).</summary>
    public static DeviceLimits H100 { get; } = new("H100 SXM", 1979, 989, 3350, 3000);

    /// <summary>H200: H100 compute, 4800 GB/s HBM3e; copy measured about 4.3 TB/s (KINDS.md).</summary>
    public static DeviceLimits H200 { get; } = new("H200", 1979, 989, 4800, 4300);

    /// <summary>The limits for a device named <paramref name="deviceName"/> (as ILGPU reports it).</summary>
    public static DeviceLimits For(string deviceName)
    {
        ArgumentNullException.ThrowIfNull(deviceName);
        if (deviceName.Contains("H200", StringComparison.OrdinalIgnoreCase))
        {
            return H200;
        }

        return deviceName.Contains("H100", StringComparison.OrdinalIgnoreCase)
            ? H100
            : H100 with { Name = $"{deviceName} (unknown: H100 SXM figures)" };
    }

    /// <summary>Short label of the INT8 limit, for tables.</summary>
    public string Int8Label => $"INT8 {Int8Tops:F0} TOPS ({Name})";

    /// <summary>Short label of the FP16 limit.</summary>
    public string Fp16Label => $"FP16/BF16 {Fp16Tops:F0} TOPS ({Name})";

    /// <summary>Short label of the HBM limit.</summary>
    public string HbmLabel => $"HBM {HbmGBps:F0} GB/s ({Name})";
}
