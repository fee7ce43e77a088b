using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace QuantDsl.Benchmarks;

/// <summary>
/// The --quick job: in-process (no child project build, which alone takes minutes on 2 cores), one launch,
/// 2 warm-up and 7 measured iterations of ~200 ms. The default suite finishes in well under 10 minutes.
/// </summary>
internal static class QuickConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(7)
            .WithIterationTime(TimeInterval.FromMilliseconds(200))
            .WithId("Quick"))
        .AddColumn(StatisticColumn.Median)
        .AddExporter(MarkdownExporter.GitHub);
}
