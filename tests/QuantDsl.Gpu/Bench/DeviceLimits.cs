namespace QuantDsl.Gpu.Bench;

/// <summary>H100 SXM datasheet limits (dense), and the copy bandwidth measured on the GPU machine.</summary>
internal static class DeviceLimits
{
    public const double Int8Tops = 1979;
    public const double Fp16Tops = 989;
    public const double HbmGBps = 3350;
    public const double MeasuredCopyGBps = 3000;
}
