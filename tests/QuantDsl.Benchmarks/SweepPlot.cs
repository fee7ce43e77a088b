using System.Globalization;
using System.Text.Json;

namespace QuantDsl.Benchmarks;

/// <summary>
/// The batch-sweep figure: TOPS against M (both axes log) for each weight shape, QuantDsl's int8 paths and the
/// in-process cuBLAS fp16 peer, read from the JSON the GPU harness writes in --bench mode.
/// </summary>
internal static class SweepPlot
{
    // Which timed kinds of the JSON become lines (the layer forward, the raw GEMM, the fp16 peer), and how they are drawn.
    private static readonly string[] PlottedKinds = ["layer-t6", "int8-gemm", "cublas-fp16"];

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
        var shapes = rows.Select(row => (row.K, row.N)).Distinct().OrderBy(shape => shape.K).ThenBy(shape => shape.N).ToList();
        foreach (var group in rows.GroupBy(row => (row.K, row.N, row.Kind)))
        {
            var points = group.OrderBy(row => row.M).ToArray();
            // TOPS span three decades from M = 1 to 4096: a log axis keeps the int8 lines readable beside the peer.
            var line = plot.Add.Scatter(points.Select(row => Math.Log2(row.M)).ToArray(), points.Select(row => Math.Log10(Math.Max(row.Tops, 1e-3))).ToArray());
            line.LegendText = $"{group.Key.K}x{group.Key.N} {group.Key.Kind}";
            line.Color = palette.GetColor(shapes.IndexOf((group.Key.K, group.Key.N)));
            line.LinePattern = group.Key.Kind switch
            {
                "cublas-fp16" => ScottPlot.LinePattern.Dashed,
                "int8-gemm" => ScottPlot.LinePattern.Dotted,
                _ => ScottPlot.LinePattern.Solid,
            };
            line.LineWidth = 2;
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (int m in rows.Select(row => row.M).Distinct().Order())
        {
            ticks.AddMajor(Math.Log2(m), m.ToString(CultureInfo.InvariantCulture));
        }

        var topsTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double tops in new[] { 0.01, 0.1, 1, 10, 100, 1000 })
        {
            topsTicks.AddMajor(Math.Log10(tops), tops.ToString(CultureInfo.InvariantCulture));
        }

        plot.Axes.Left.TickGenerator = topsTicks;
        plot.Axes.Bottom.TickGenerator = ticks;
        string device = root.TryGetProperty("device", out var deviceText) ? deviceText.GetString() ?? string.Empty : string.Empty;
        string date = root.TryGetProperty("date", out var dateText) ? dateText.GetString() ?? string.Empty : string.Empty;
        plot.Title($"QuantDsl int8 (solid: layer t=6, dotted: raw GEMM) vs cuBLAS fp16 (dashed), {device}, {date}");
        plot.XLabel("batch M (tokens)");
        plot.YLabel("TOPS = 2·M·N·K / median time (log)");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(pngPath, 1400, 850);
        Console.WriteLine($"wrote {pngPath}: {rows.Count} points");
        return 0;
    }
}
