using System.Text.Encodings.Web;
using System.Text.Json;

namespace QuantDsl.Gpu.Bench;

/// <summary>DIR/bench.json: device, date, command, limits and every record so far (rewritten after each shape).</summary>
internal static class BenchJson
{
    public static void Write(string path, string deviceName, string command, int reps, IReadOnlyList<BenchRecord> records, IReadOnlyList<string> failures, bool complete)
    {
        string temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("harness", "QuantDsl.Gpu --bench");
            json.WriteString("device", deviceName);
            json.WriteString("date", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("command", command);
            json.WriteNumber("reps", reps);
            json.WriteBoolean("complete", complete);
            var limits = DeviceLimits.For(deviceName);
            json.WriteStartObject("limits");
            json.WriteString("name", limits.Name);
            json.WriteNumber("int8Tops", limits.Int8Tops);
            json.WriteNumber("fp16Tops", limits.Fp16Tops);
            json.WriteNumber("hbmGBps", limits.HbmGBps);
            json.WriteNumber("measuredCopyGBps", limits.MeasuredCopyGBps);
            json.WriteEndObject();
            json.WriteStartArray("failures");
            foreach (string failure in failures)
            {
                json.WriteStringValue(failure);
            }

            json.WriteEndArray();
            json.WriteStartArray("results");
            foreach (var record in records)
            {
                json.WriteStartObject();
                json.WriteString("kind", record.Kind);
                json.WriteNumber("m", record.M);
                json.WriteNumber("k", record.K);
                json.WriteNumber("n", record.N);
                json.WriteNumber("medianMs", Math.Round(record.MedianMs, 6));
                json.WriteNumber("tops", Math.Round(record.Tops, 3));
                json.WriteNumber("gbps", Math.Round(record.GBps, 1));
                json.WriteNumber("percentOfLimit", Math.Round(record.PercentOfLimit, 2));
                json.WriteString("limit", record.LimitName);
                WriteRatio(json, "speedupVsFp16", record.SpeedupVsFp16);
                WriteRatio(json, "speedupVsBf16", record.SpeedupVsBf16);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteRatio(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, 3));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
