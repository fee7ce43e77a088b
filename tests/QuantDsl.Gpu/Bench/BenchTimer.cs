using System.Diagnostics;

namespace QuantDsl.Gpu.Bench;

/// <summary>
/// Median wall time of one queued GPU operation, measured with stream synchronization: warm-up calls first,
/// then <c>reps</c> samples. Each sample times <c>inner</c> back-to-back calls between two synchronizations
/// (inner chosen so that a sample lasts ≥ ~2 ms, which hides the synchronization cost of short kernels)
/// and divides, so it measures queued throughput, as a model's layers run; several operations can be timed interleaved
/// (<see cref="MedianMillisecondsInterleaved"/>).
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
    /// Median wall time of each of <paramref name="operations"/>, sampled in rounds of one sample of each, so a drift of
    /// clocks or host load during the measurement is shared by all instead of favouring whichever runs last. With
    /// <paramref name="batch"/> a sample is <c>inner</c> back-to-back calls of one operation (inner probed per operation,
    /// as in <see cref="MedianMilliseconds"/>) between two synchronizations; without it, one call. Warm-up calls of every
    /// operation come first.
    /// </summary>
    public static double[] MedianMillisecondsInterleaved(IReadOnlyList<Action> operations, Action synchronize, int reps, bool batch)
    {
        foreach (var operation in operations)
        {
            for (int i = 0; i < WarmUpCalls; i++)
            {
                operation();
            }
        }

        synchronize();
        var inner = new int[operations.Count];
        var samples = new double[operations.Count][];
        for (int op = 0; op < operations.Count; op++)
        {
            samples[op] = new double[reps];
            inner[op] = 1;
            if (batch)
            {
                var probe = Stopwatch.StartNew();
                operations[op]();
                synchronize();
                double single = Math.Max(probe.Elapsed.TotalMilliseconds, 1e-3);
                inner[op] = (int)Math.Clamp(Math.Ceiling(MinimumSample.TotalMilliseconds / single), 1, 1000);
            }
        }

        for (int rep = 0; rep < reps; rep++)
        {
            for (int op = 0; op < operations.Count; op++)
            {
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < inner[op]; i++)
                {
                    operations[op]();
                }

                synchronize();
                samples[op][rep] = clock.Elapsed.TotalMilliseconds / inner[op];
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
