using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace QuantDsl.Tests.Packaging;

/// <summary>A fresh project outside the repository with one PackageReference to QuantDsl builds and runs an [Int8Outliers] layer.</summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed partial class ConsumerProjectTests(PackedQuantDsl package, ITestOutputHelper output)
{
    /// <summary>Relative L2 error of int8 against fp32 at the consumer's tiny shape is about 0.003; 0.05 leaves room and still catches garbage.</summary>
    private const double MaxRelativeError = 0.05;

    [Fact]
    public async Task Consumer_builds_and_runs_an_Int8Outliers_layer_on_cpu_and_ilgpu_cpu()
    {
        package.AssertPacked();
        using var consumer = new ConsumerProject(package.FeedDirectory, package.Version);
        Assert.False(
            consumer.ProjectDirectory.StartsWith(package.RepositoryDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal),
            $"The consumer must live outside the repository, but {consumer.ProjectDirectory} is inside {package.RepositoryDirectory}.");

        output.WriteLine($"{package.Pack.CommandLine}: {package.Pack.Elapsed.TotalSeconds:F1} s");
        var build = await consumer.BuildAsync();
        output.WriteLine($"{build.CommandLine}: {build.Elapsed.TotalSeconds:F1} s");
        Assert.True(build.Succeeded, $"The consumer project did not build: {build}");
        var run = await consumer.RunAsync();
        output.WriteLine($"{run.CommandLine}: {run.Elapsed.TotalSeconds:F1} s{Environment.NewLine}{run.Output}");
        Assert.True(run.Succeeded, $"The consumer program failed: {run}");

        var errors = RelativeErrorLine().Matches(run.Output)
            .ToDictionary(match => match.Groups["device"].Value, match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
        Assert.True(errors.Keys.Order(StringComparer.Ordinal).SequenceEqual(["cpu", "ilgpu-cpu"]), $"Expected one relative error for cpu and one for ilgpu-cpu: {run}");
        Assert.All(errors, error => Assert.True(
            double.IsFinite(error.Value) && error.Value < MaxRelativeError,
            $"Relative error on {error.Key} is {error.Value}, above {MaxRelativeError}: {run}"));
    }

    [GeneratedRegex(@"^relative-error (?<device>\S+) (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex RelativeErrorLine();
}
