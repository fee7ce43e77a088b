using System.Globalization;

namespace QuantDsl.Gpu.Bench;

/// <summary>The weight shapes (K × N) and token counts (M) a bench run sweeps.</summary>
internal sealed record BenchPlan(IReadOnlyList<(int K, int N)> Weights, IReadOnlyList<int> Batches)
{
    private const string FullShapes = "4096x4096,4096x11008,11008x4096,8192x8192";
    private const string FullBatches = "1,16,128,1024,4096";
    private const string QuickShapes = "4096x4096";
    private const string QuickBatches = "1,128,4096";

    /// <summary>The plan of <paramref name="options"/>; throws ArgumentException naming a bad item.</summary>
    public static BenchPlan From(HarnessOptions options)
    {
        string shapes = options.Shapes ?? (options.Quick ? QuickShapes : FullShapes);
        string batches = options.Batches ?? (options.Quick ? QuickBatches : FullBatches);
        var weights = new List<(int, int)>();
        foreach (string item in Items(shapes))
        {
            string[] parts = item.Split('x', 'X');
            if (parts.Length != 2 || !TryPositive(parts[0], out int k) || !TryPositive(parts[1], out int n))
            {
                throw new ArgumentException($"--shapes: '{item}' is not KxN (e.g. 4096x11008).");
            }

            weights.Add((k, n));
        }

        var rows = new List<int>();
        foreach (string item in Items(batches))
        {
            rows.Add(TryPositive(item, out int m) ? m : throw new ArgumentException($"--batches: '{item}' is not a positive token count."));
        }

        return new BenchPlan(weights, rows);
    }

    private static string[] Items(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryPositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
