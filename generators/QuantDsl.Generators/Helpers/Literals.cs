using System.Globalization;

namespace QuantDsl.Generators.Helpers;

/// <summary>C# literals for values baked into generated code, culture-invariant and round-trippable.</summary>
internal static class Literals
{
    /// <summary><c>6f</c>, <c>2.5f</c>, <c>0.1f</c>.</summary>
    public static string Float(float value) => Number(value) + "f";

    /// <summary>The value as written in an attribute: <c>6</c>, <c>2.5</c>.</summary>
    public static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The value rounded to <paramref name="digits"/> significant digits, for comments (<c>0.01</c> for 1 − 0.99f).</summary>
    public static string Number(float value, int digits) =>
        double.Parse(value.ToString("G" + digits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A C# string literal with quotes, backslashes and control characters escaped.</summary>
    public static string String(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";
}
