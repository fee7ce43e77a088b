using System.Text.Encodings.Web;
using System.Text.Json;

namespace QuantDsl.Gpu;

/// <summary>
/// DIR/results.json: the device and every check run so far. Rewritten (atomically) after each check, so a
/// run that is cut off or crashes still leaves what it found; <c>complete</c> says whether it finished.
/// </summary>
public sealed class ResultsFile(string path, HarnessOptions options)
{
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;

    /// <summary>Writes the file with <paramref name="results"/>.</summary>
    public void Write(string deviceName, IReadOnlyList<CheckResult> results, int selectedChecks, bool complete)
    {
        ArgumentNullException.ThrowIfNull(results);
        string temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("harness", "QuantDsl.Gpu");
            json.WriteString("device", deviceName);
            json.WriteString("suite", options.SuiteName);
            WriteNullableString(json, "filter", options.Filter);
            json.WriteString("started", started);
            json.WriteString("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
            json.WriteNumber("processorCount", Environment.ProcessorCount);
            json.WriteBoolean("complete", complete);
            json.WriteNumber("selected", selectedChecks);
            json.WriteNumber("passed", results.Count(r => r.Outcome.Passed));
            json.WriteNumber("failed", results.Count(r => !r.Outcome.Passed));
            json.WriteStartArray("checks");
            foreach (var result in results)
            {
                WriteCheck(json, result);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteCheck(Utf8JsonWriter json, CheckResult result)
    {
        json.WriteStartObject();
        json.WriteString("name", result.Name);
        if (result.Shape is { } shape)
        {
            json.WriteStartObject("shape");
            json.WriteNumber("tokens", shape.Tokens);
            json.WriteNumber("in", shape.InFeatures);
            json.WriteNumber("out", shape.OutFeatures);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("shape");
        }

        json.WriteBoolean("passed", result.Outcome.Passed);
        WriteNullableNumber(json, "worstRatio", result.Outcome.WorstRatio);
        json.WriteNumber("seconds", Math.Round(result.Seconds, 3));
        WriteNullableNumber(json, "layerSeconds", result.Outcome.LayerSeconds);
        json.WriteString("message", result.Outcome.Message);
        json.WriteEndObject();
    }

    // JSON has no NaN or infinity: those become null (the message says what happened).
    private static void WriteNullableNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
