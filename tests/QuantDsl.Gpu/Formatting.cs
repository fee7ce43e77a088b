using System.Globalization;

namespace QuantDsl.Gpu;

/// <summary>How numbers are printed (invariant culture throughout).</summary>
public static class Formatting
{
    /// <summary>A duration, e.g. <c>6.1 s</c> or <c>3.217 ms</c>.</summary>
    public static string Seconds(double seconds) => seconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:F3} ms");

    /// <summary>An error/bound ratio, e.g. <c>0.0123</c>.</summary>
    public static string Ratio(double? ratio) => ratio switch
    {
        null => "n/a",
        double r when double.IsPositiveInfinity(r) => "inf",
        double r => string.Create(CultureInfo.InvariantCulture, $"{r:G3}"),
    };

    /// <summary>A fraction as a percentage, e.g. <c>0.91%</c>.</summary>
    public static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:F2}%");

    /// <summary>An operation rate, e.g. <c>23.6 Tops/s</c> or <c>850 Mops/s</c>, for the information line of a layer call.</summary>
    public static string Rate(double operations, double seconds)
    {
        if (seconds <= 0)
        {
            return "n/a";
        }

        double rate = operations / seconds;
        return rate >= 1e12 ? string.Create(CultureInfo.InvariantCulture, $"{rate / 1e12:F1} Tops/s")
            : rate >= 1e9 ? string.Create(CultureInfo.InvariantCulture, $"{rate / 1e9:F1} Gops/s")
            : string.Create(CultureInfo.InvariantCulture, $"{rate / 1e6:F1} Mops/s");
    }
}
