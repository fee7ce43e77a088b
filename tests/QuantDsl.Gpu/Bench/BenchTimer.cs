using System.Diagnostics;

namespace QuantDsl.Gpu.Bench;

/// <summary>
/// Median wall time of one queued GPU operation, measured with stream synchronization: warm-up calls first,
/// then <c>reps</c> samples. Each sample times <c>inner</c> back-to-back calls between two synchronizations
/// (inner chosen so that a sample lasts ≥ ~2 ms, which hides the synchronization cost of short kernels)
/// and divides. An operation that synchronizes by itself (the layer forward reads a counter back) gets inner 1, and
/// several such operations can be timed interleaved (<see cref="MedianMillisecondsInterleaved"/>).
/// </summary>
internal static class BenchTimer
{
    private const int WarmUpCalls = 3;
    private static readonly TimeSpan MinimumSample = TimeSpan.FromMilliseconds(2);

    public static double MedianMilliseconds(Action operation, Action synchronize, int reps, bool batch)
    {
        for (int i = 0; i < WarmUpCalls; i++)
        {
            operation();
        }

        synchronize();
        int inner = 1;
        if (batch)
        {
            var probe = Stopwatch.StartNew();
            operation();
            synchronize();
            double single = Math.Max(probe.Elapsed.TotalMilliseconds, 1e-3);
            inner = (int)Math.Clamp(Math.Ceiling(MinimumSample.TotalMilliseconds / single), 1, 1000);
        }

        var samples = new double[reps];
        for (int rep = 0; rep < reps; rep++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < inner; i++)
            {
                operation();
            }

            synchronize();
            samples[rep] = clock.Elapsed.TotalMilliseconds / inner;
        }

        return Median(samples);
    }

    /// <summary>
    /// Median wall time of each of <paramref name="operations"/> (each synchronizing by itself, like the layer forward),
    /// sampled in rounds of one call of each, so a drift of clocks or host load during the measurement is shared by all
    /// instead of favouring whichever runs last. Warm-up calls of every operation come first.
    /// </summary>
    public static double[] MedianMillisecondsInterleaved(IReadOnlyList<Action> operations, Action synchronize, int reps)
    {
        foreach (var operation in operations)
        {
            for (int i = 0; i < WarmUpCalls; i++)
            {
                operation();
            }
        }

        synchronize();
        var samples = new double[operations.Count][];
        for (int op = 0; op < operations.Count; op++)
        {
            samples[op] = new double[reps];
        }

        for (int rep = 0; rep < reps; rep++)
        {
            for (int op = 0; op < operations.Count; op++)
            {
                var clock = Stopwatch.StartNew();
                operations[op]();
                synchronize();
                samples[op][rep] = clock.Elapsed.TotalMilliseconds;
            }
        }

        return samples.Select(Median).ToArray();
    }

    private static double Median(double[] samples)
    {
        Array.Sort(samples);
        int n = samples.Length;
        return n % 2 == 1 ? samples[n / 2] : (samples[(n / 2) - 1] + samples[n / 2]) / 2;
    }
}
