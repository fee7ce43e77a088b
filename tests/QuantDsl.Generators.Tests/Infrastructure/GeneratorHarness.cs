using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace QuantDsl.Generators.Tests.Infrastructure;

/// <summary>
/// Builds C# compilations against the running .NET plus QuantDsl, QuantDsl.Kernels and ILGPU, and runs
/// <see cref="QuantLayerGenerator"/> on them with step tracking on, as the compiler host would.
/// </summary>
public static class GeneratorHarness
{
    /// <summary>C# latest, with documentation comments checked (generated XML docs must be valid too).</summary>
    public static CSharpParseOptions ParseOptions { get; } =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>A DLL, nullable enabled, warnings as the SDK shows them (CS1701/CS1702 off, as the SDK sets).</summary>
    public static CSharpCompilationOptions CompilationOptions { get; } =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            });

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>The trusted platform assemblies of this process plus QuantDsl.dll, QuantDsl.Kernels.dll and ILGPU.dll.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>A compilation of <paramref name="sources"/>, named <c>Layer0.cs</c>, <c>Layer1.cs</c>, … in order.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(sources.Select((text, i) => new SourceFile($"Layer{i}.cs", text)).ToArray());

    /// <summary>A compilation of the given files (line endings normalized to '\n').</summary>
    public static CSharpCompilation CreateCompilation(params SourceFile[] files) =>
        CSharpCompilation.Create(
            "QuantDsl.Generators.Tests.Input",
            files.Select(file => Parse(file)),
            References,
            CompilationOptions);

    /// <summary>Parses one file with <see cref="ParseOptions"/>.</summary>
    public static SyntaxTree Parse(SourceFile file) =>
        CSharpSyntaxTree.ParseText(file.Text.ReplaceLineEndings("\n"), ParseOptions, file.Path);

    /// <summary>A driver holding a fresh <see cref="QuantLayerGenerator"/>, tracking every incremental step.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new QuantLayerGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs a fresh generator on <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation) => Run(CreateDriver(), compilation);

    /// <summary>Runs <paramref name="driver"/> (with its cached state) on <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation compilation)
    {
        var updated = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var result = updated.GetRunResult();
        return new GeneratorRun(
            updated,
            result,
            compilation,
            output,
            result.Results.SelectMany(r => r.GeneratedSources).ToImmutableArray(),
            driverDiagnostics,
            output.GetDiagnostics(),
            result.Results.Where(r => r.Exception is not null).Select(r => r.Exception!).ToImmutableArray());
    }

    /// <summary>Runs a fresh generator on a compilation of <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    /// <summary>Runs a fresh generator on one file compiled as C# <paramref name="languageVersion"/>.</summary>
    public static GeneratorRun Run(string source, LanguageVersion languageVersion)
    {
        var options = ParseOptions.WithLanguageVersion(languageVersion);
        var compilation = CSharpCompilation.Create(
            "QuantDsl.Generators.Tests.Input",
            [CSharpSyntaxTree.ParseText(source.ReplaceLineEndings("\n"), options, "Layer0.cs")],
            References,
            CompilationOptions);
        var driver = CSharpGeneratorDriver.Create(
            [new QuantLayerGenerator().AsSourceGenerator()],
            parseOptions: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return Run(driver, compilation);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
            ?? throw new InvalidOperationException("TRUSTED_PLATFORM_ASSEMBLIES is not set: the tests need the running .NET's assembly list.");
        var paths = trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(
            [
                typeof(QuantLinear).Assembly.Location,
                typeof(QuantDsl.Kernels.Formats.Int8Format).Assembly.Location,
                typeof(ILGPU.Context).Assembly.Location,
            ]);
        return paths
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
