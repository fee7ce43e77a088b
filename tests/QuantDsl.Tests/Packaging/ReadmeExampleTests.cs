using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace QuantDsl.Tests.Packaging;

/// <summary>The README's example, taken verbatim from README.md, builds and runs against the packed QuantDsl.</summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed partial class ReadmeExampleTests(PackedQuantDsl package, ITestOutputHelper output)
{
    [Fact]
    public async Task Readme_example_builds_and_runs_against_the_package()
    {
        package.AssertPacked();
        string readme = await File.ReadAllTextAsync(Path.Combine(package.RepositoryDirectory, "README.md"));
        var example = ReadmeExample().Match(readme);
        Assert.True(example.Success, "README.md has no ```csharp block between <!-- readme-example:begin --> and <!-- readme-example:end -->.");
        using var consumer = new ConsumerProject(
            package.FeedDirectory, package.Version, new Dictionary<string, string> { ["Program.cs"] = example.Groups["code"].Value });

        var build = await consumer.BuildAsync();
        Assert.True(build.Succeeded, $"The README example does not build against the package: {build}");
        var run = await consumer.RunAsync();
        output.WriteLine(run.Output);

        Assert.True(run.Succeeded, $"The README example failed: {run}");
        Assert.Contains("y [64, 4096], dx [64, 1024], dW [4096, 1024]", run.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<!-- readme-example:begin -->\s*```csharp\n(?<code>.*?)```\s*<!-- readme-example:end -->", RegexOptions.Singleline)]
    private static partial Regex ReadmeExample();
}
