namespace QuantDsl.Benchmarks;

/// <summary>
/// The shapes the CPU benchmarks sweep. BenchmarkDotNet may run each benchmark in a child process, so
/// Program passes --shapes/--batches through environment variables, which children inherit.
/// Defaults: K = N = 4096, M ∈ {1, 16, 128} (the larger shapes take too long on 2 cores).
/// </summary>
public static class BenchShapes
{
    public const string ShapesVariable = "QDSL_BENCH_SHAPES";
    public const string BatchesVariable = "QDSL_BENCH_BATCHES";

    public static IEnumerable<GemmShape> All()
    {
        var weights = Environment.GetEnvironmentVariable(ShapesVariable) is { Length: > 0 } text ? ParseWeights(text) : [(4096, 4096)];
        var batches = Environment.GetEnvironmentVariable(BatchesVariable) is { Length: > 0 } list ? ParseBatches(list) : [1, 16, 128];
        foreach (var (k, n) in weights)
        {
            foreach (int m in batches)
            {
                yield return new GemmShape(m, k, n);
            }
        }
    }

    /// <summary>Parses "4096x4096,4096x11008" (K×N pairs: input features × output features).</summary>
    public static IReadOnlyList<(int K, int N)> ParseWeights(string text)
    {
        var result = new List<(int, int)>();
        foreach (string item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = item.Split('x', 'X', '×');
            if (parts.Length != 2 || !int.TryParse(parts[0], out int k) || !int.TryParse(parts[1], out int n) || k <= 0 || n <= 0)
            {
                throw new ArgumentException($"--shapes: '{item}' is not KxN (e.g. 4096x11008).");
            }

            result.Add((k, n));
        }

        return result;
    }

    /// <summary>Parses "1,16,128".</summary>
    public static IReadOnlyList<int> ParseBatches(string text)
    {
        var result = new List<int>();
        foreach (string item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, out int m) || m <= 0)
            {
                throw new ArgumentException($"--batches: '{item}' is not a positive row count.");
            }

            result.Add(m);
        }

        return result;
    }
}
