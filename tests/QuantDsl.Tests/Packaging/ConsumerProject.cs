using System.Text.Json;

namespace QuantDsl.Tests.Packaging;

/// <summary>
/// A console project in a temp folder outside the repository that uses QuantDsl the way a user does: one
/// PackageReference, resolved from the local feed plus the default NuGet sources (ILGPU comes from those).
/// It declares an <c>[Int8Outliers]</c> layer and prints the relative error of its forward against plain
/// fp32 <c>X·Wᵀ + b</c> on each device, one <c>relative-error DEVICE VALUE</c> line each.
/// </summary>
public sealed class ConsumerProject : IDisposable
{
    /// <summary>The project's name (and assembly name).</summary>
    public const string Name = "SmokeConsumer";

    /// <summary>How long a restore and build, or the run, may take.</summary>
    public static readonly TimeSpan StepTimeLimit = TimeSpan.FromMinutes(5);

    private readonly TemporaryFolder folder = new("quantdsl-consumer");
    private readonly string version;

    /// <summary>
    /// Writes the project, referencing QuantDsl <paramref name="version"/> from <paramref name="feedDirectory"/>, with
    /// <paramref name="sources"/> (file name → text) or, when null, <see cref="SmokeSources"/>.
    /// </summary>
    public ConsumerProject(string feedDirectory, string version, IReadOnlyDictionary<string, string>? sources = null)
    {
        this.version = version;

        // nuget.config adds the feed to the sources from the user and machine configuration (no <clear/>).
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="quantdsl-local" value="{feedDirectory}" />
              </packageSources>
            </configuration>
            """);
        Write($"{Name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="QuantDsl" Version="[{version}]" />
              </ItemGroup>
            </Project>
            """);

        // Empty: stops MSBuild from importing any Directory.Build.* found above the temp folder.
        Write("Directory.Build.props", "<Project />");
        Write("Directory.Build.targets", "<Project />");
        foreach (var (name, text) in sources ?? SmokeSources)
        {
            Write(name, text);
        }
    }

    /// <summary>
    /// The default sources: an <c>[Int8Outliers]</c> layer without a constructor and a program that prints the
    /// relative error of its forward against plain fp32 on the CPU and on ILGPU's CPU accelerator.
    /// </summary>
    public static IReadOnlyDictionary<string, string> SmokeSources { get; } = new Dictionary<string, string>
    {
        ["Proj.cs"] = """
                using QuantDsl;

                namespace SmokeConsumer;

                // No constructor: the generator writes Proj(int inFeatures, int outFeatures, bool bias = true, int seed = 0).
                [Int8Outliers]
                public sealed partial class Proj : QuantLinear
                {
                }
                """,
        ["Program.cs"] = """
                using System.Globalization;
                using QuantDsl;
                using SmokeConsumer;

                const int Tokens = 3;
                const int InFeatures = 16;
                const int OutFeatures = 5;

                var random = new Random(7);
                var x = new float[Tokens * InFeatures];
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] = (float)(random.NextDouble() * 2 - 1);
                }

                x[InFeatures + 3] = 9f; // one outlier column (|x| >= 6): the full-precision part of LLM.int8 runs too

                PrintRelativeError("cpu", Device.Cpu());
                using (var ilgpuCpu = Device.IlgpuCpu())
                {
                    PrintRelativeError("ilgpu-cpu", ilgpuCpu);
                }

                void PrintRelativeError(string label, Device device)
                {
                    using var layer = new Proj(InFeatures, OutFeatures, seed: 1).To(device);
                    float[] w = layer.Weight.Value.ToArray();
                    float[] b = layer.Bias!.Value.ToArray();
                    using var input = Tensor.FromArray(device, x, Tokens, InFeatures);
                    using var output = layer.Forward(input);
                    float[] y = output.ToArray();

                    double squaredError = 0, squaredNorm = 0;
                    for (int t = 0; t < Tokens; t++)
                    {
                        for (int n = 0; n < OutFeatures; n++)
                        {
                            double expected = b[n];
                            for (int k = 0; k < InFeatures; k++)
                            {
                                expected += (double)x[t * InFeatures + k] * w[n * InFeatures + k];
                            }

                            double difference = y[t * OutFeatures + n] - expected;
                            squaredError += difference * difference;
                            squaredNorm += expected * expected;
                        }
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"relative-error {label} {Math.Sqrt(squaredError / squaredNorm):R}"));
                }
                """,
    };

    /// <summary>The project folder.</summary>
    public string ProjectDirectory => folder.FullPath;

    /// <summary>Restores and builds the project in Release.</summary>
    public Task<ProcessOutcome> BuildAsync() =>
        DotnetCli.RunAsync(ProjectDirectory, StepTimeLimit, ["build", $"{Name}.csproj", "-c", "Release", .. DotnetCli.NoBuildServers]);

    /// <summary>Runs the built program.</summary>
    public Task<ProcessOutcome> RunAsync() =>
        DotnetCli.RunAsync(ProjectDirectory, StepTimeLimit, folder.Combine("bin", "Release", "net10.0", $"{Name}.dll"));

    /// <summary>Deletes the project and the copy of the smoke-test package that restore extracted into the global packages folder.</summary>
    public void Dispose()
    {
        foreach (string packagesFolder in RestoredPackagesFolders())
        {
            string packageIdFolder = Path.Combine(packagesFolder, "quantdsl");
            TemporaryFolder.DeleteQuietly(Path.Combine(packageIdFolder, version.ToLowerInvariant()));
            if (Directory.Exists(packageIdFolder) && !Directory.EnumerateFileSystemEntries(packageIdFolder).Any())
            {
                TemporaryFolder.DeleteQuietly(packageIdFolder);
            }
        }

        folder.Dispose();
    }

    /// <summary>The package folders restore used, from obj/project.assets.json (none before a restore).</summary>
    private IEnumerable<string> RestoredPackagesFolders()
    {
        string assetsFile = folder.Combine("obj", "project.assets.json");
        if (!File.Exists(assetsFile))
        {
            return [];
        }

        using var assets = JsonDocument.Parse(File.ReadAllText(assetsFile));
        return assets.RootElement.TryGetProperty("packageFolders", out var packageFolders)
            ? packageFolders.EnumerateObject().Select(folderProperty => folderProperty.Name).ToList()
            : [];
    }

    private void Write(string fileName, string text) => File.WriteAllText(folder.Combine(fileName), text + Environment.NewLine);
}
