using System.Diagnostics;
using QuantDsl.Runtime;

namespace QuantDsl.Gpu.Checks;

/// <summary>Median wall time of a kernel launch: one warm-up, then <see cref="Repetitions"/> launches, each followed by a stream sync.</summary>
public static class KernelTiming
{
    /// <summary>Timed launches per figure.</summary>
    public const int Repetitions = 25;

    /// <summary>The median seconds of <paramref name="launch"/> (launch + synchronize), after one untimed call.</summary>
    public static double Median(GpuBackend gpu, Action launch)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        ArgumentNullException.ThrowIfNull(launch);
        launch();
        gpu.Synchronize();
        var times = new double[Repetitions];
        for (int i = 0; i < times.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            launch();
            gpu.Synchronize();
            times[i] = watch.Elapsed.TotalSeconds;
        }

        Array.Sort(times);
        return times[times.Length / 2];
    }
}
