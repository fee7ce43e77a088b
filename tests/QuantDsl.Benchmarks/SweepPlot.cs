using System.Globalization;
using System.Text.Json;

namespace QuantDsl.Benchmarks;

/// <summary>
/// The batch-sweep figure: TOPS against M (log axis) for each weight shape, QuantDsl's int8 paths and the
/// in-process cuBLAS fp16 peer, read from the JSON the GPU harness writes in --bench mode.
/// </summary>
internal static class SweepPlot
{
    // Which timed kinds of the JSON become lines: the layer forward, the raw GEMM and the fp16 peer.
    private static readonly string[] PlottedKinds = ["layer-t6", "layer-t0", "int8-gemm", "cublas-fp16"];

    public static int Draw(string jsonPath, string pngPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var root = document.RootElement;
        var rows = root.GetProperty("results").EnumerateArray()
            .Select(row => (
                Kind: row.GetProperty("kind").GetString() ?? string.Empty,
                M: row.GetProperty("m").GetInt32(),
                K: row.GetProperty("k").GetInt32(),
                N: row.GetProperty("n").GetInt32(),
                Tops: row.GetProperty("tops").GetDouble()))
            .Where(row => PlottedKinds.Contains(row.Kind))
            .ToList();
        if (rows.Count == 0)
        {
            Console.Error.WriteLine($"{jsonPath}: no results of kinds {string.Join(", ", PlottedKinds)}.");
            return 1;
        }

        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int series = 0;
        foreach (var group in rows.GroupBy(row => (row.K, row.N, row.Kind)).OrderBy(group => group.Key.K).ThenBy(group => group.Key.N))
        {
            var points = group.OrderBy(row => row.M).ToArray();
            var line = plot.Add.Scatter(points.Select(row => Math.Log2(row.M)).ToArray(), points.Select(row => row.Tops).ToArray());
            line.LegendText = $"{group.Key.K}x{group.Key.N} {group.Key.Kind}";
            line.Color = palette.GetColor(series++);
            line.LinePattern = group.Key.Kind == "cublas-fp16" ? ScottPlot.LinePattern.Dashed : ScottPlot.LinePattern.Solid;
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (int m in rows.Select(row => row.M).Distinct().Order())
        {
            ticks.AddMajor(Math.Log2(m), m.ToString(CultureInfo.InvariantCulture));
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        string device = root.TryGetProperty("device", out var deviceText) ? deviceText.GetString() ?? string.Empty : string.Empty;
        string date = root.TryGetProperty("date", out var dateText) ? dateText.GetString() ?? string.Empty : string.Empty;
        plot.Title($"QuantDsl int8 vs cuBLAS fp16, {device} {date}");
        plot.XLabel("batch M (tokens)");
        plot.YLabel("TOPS (2·M·N·K / median time)");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(pngPath, 1200, 800);
        Console.WriteLine($"wrote {pngPath}: {rows.Count} points");
        return 0;
    }
}
