using System.Diagnostics;

namespace QuantDsl.Gpu.Bench;

/// <summary>
/// Median wall time of one queued GPU operation, measured with stream synchronization: warm-up calls first,
/// then <c>reps</c> samples. Each sample times <c>inner</c> back-to-back calls between two synchronizations
/// (inner chosen so that a sample lasts ≥ ~2 ms, which hides the synchronization cost of short kernels)
/// and divides. An operation that synchronizes by itself (the layer forward reads a counter back) gets inner 1.
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

        Array.Sort(samples);
        return reps % 2 == 1 ? samples[reps / 2] : (samples[(reps / 2) - 1] + samples[reps / 2]) / 2;
    }
}
