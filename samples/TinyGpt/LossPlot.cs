namespace TinyGptSample;

/// <summary>The loss curves of every variant in one PNG: smoothed training loss as lines, validation as markers.</summary>
internal static class LossPlot
{
    public static void Save(string path, IReadOnlyList<VariantResult> results, string title)
    {
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var color = palette.GetColor(i);
            var steps = result.Train.Select(p => (double)p.Step).ToArray();
            var smoothed = Smooth(result.Train.Select(p => p.Loss).ToArray(), 20);
            var train = plot.Add.ScatterLine(steps, smoothed, color);
            train.LegendText = $"{result.Name} train (smoothed)";
            var validation = plot.Add.Scatter(
                result.Validation.Select(p => (double)p.Step).ToArray(),
                result.Validation.Select(p => p.Loss).ToArray(),
                color);
            validation.LineWidth = 0;
            validation.MarkerSize = 8;
            validation.LegendText = $"{result.Name} validation";
        }

        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel("cross-entropy (nats per character)");
        // Loss curves fall from the upper left and end low on the right: the upper right stays clear.
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(path, 1000, 600);
    }

    private static double[] Smooth(double[] values, int window)
    {
        var smoothed = new double[values.Length];
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += values[i];
            if (i >= window)
            {
                sum -= values[i - window];
            }

            smoothed[i] = sum / Math.Min(i + 1, window);
        }

        return smoothed;
    }
}
