using System.Globalization;
using System.Reflection;

namespace QuantDsl.Tests.Packaging;

/// <summary>
/// The QuantDsl package, packed once per test run from src/QuantDsl into a temp folder feed under a unique
/// prerelease version, so that no NuGet cache can serve a copy from an earlier run.
/// </summary>
/// <remarks>
/// Packing builds in the configuration this test assembly was built in, which the outer build has just
/// built: the build step finds everything up to date and writes nothing. It could write only to the bin and
/// obj folders of src/QuantDsl, kernels and generators anyway, never to this test's bin folder, whose copies
/// of the assemblies the running test host has loaded; the generated .nuspec goes to the temp folder too.
/// </remarks>
public sealed class PackedQuantDsl : IAsyncLifetime
{
    /// <summary>How long the pack may take (a cold build of the three projects takes about a minute on 2 cores).</summary>
    public static readonly TimeSpan PackTimeLimit = TimeSpan.FromMinutes(5);

    private readonly TemporaryFolder folder;
    private ProcessOutcome? pack;

    /// <summary>Chooses the version and the feed folder; <see cref="InitializeAsync"/> packs.</summary>
    public PackedQuantDsl()
    {
        RepositoryDirectory = RepositoryRoot.Find();
        folder = new TemporaryFolder("quantdsl-feed");
        Version = string.Create(CultureInfo.InvariantCulture, $"0.1.0-smoke.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}");
        Configuration = typeof(PackedQuantDsl).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        FeedDirectory = folder.Combine("feed");
        PackageFile = Path.Combine(FeedDirectory, $"QuantDsl.{Version}.nupkg");
    }

    /// <summary>The repository that was packed.</summary>
    public string RepositoryDirectory { get; }

    /// <summary>The package version, e.g. <c>0.1.0-smoke.20250101120000.4242</c>.</summary>
    public string Version { get; }

    /// <summary>The build configuration packed (the one this test assembly was built in).</summary>
    public string Configuration { get; }

    /// <summary>The local folder feed holding the package.</summary>
    public string FeedDirectory { get; }

    /// <summary>The .nupkg in <see cref="FeedDirectory"/>.</summary>
    public string PackageFile { get; }

    /// <summary>How <c>dotnet pack</c> went.</summary>
    public ProcessOutcome Pack => pack ?? throw new InvalidOperationException("The package has not been packed yet.");

    /// <summary>Packs src/QuantDsl. A failure is not thrown here but reported by each test (<see cref="AssertPacked"/>).</summary>
    public async Task InitializeAsync() =>
        pack = await DotnetCli.RunAsync(
            RepositoryDirectory,
            PackTimeLimit,
            [
                "pack", Path.Combine("src", "QuantDsl", "QuantDsl.csproj"),
                "-c", Configuration,
                "--no-restore",
                "-o", FeedDirectory,
                $"-p:PackageVersion={Version}",
                $"-p:NuspecOutputPath={folder.Combine("nuspec")}{Path.DirectorySeparatorChar}",
                .. DotnetCli.NoBuildServers,
            ]);

    /// <summary>Fails the calling test unless the pack succeeded and wrote <see cref="PackageFile"/>.</summary>
    public void AssertPacked()
    {
        Assert.True(Pack.Succeeded, $"dotnet pack failed: {Pack}");
        Assert.True(File.Exists(PackageFile), $"dotnet pack succeeded but {PackageFile} is missing: {Pack}");
    }

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        folder.Dispose();
        return Task.CompletedTask;
    }
}
