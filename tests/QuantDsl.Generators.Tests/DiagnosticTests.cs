using System.Reflection;
using Microsoft.CodeAnalysis;
using QuantDsl.Generators.Tests.Cases;
using QuantDsl.Generators.Tests.Infrastructure;

namespace QuantDsl.Generators.Tests;

/// <summary>Each QDSL diagnostic: its id, severity, location, message, and that it blocks generation of that type only.</summary>
public sealed class DiagnosticTests
{
    [Theory]
    [MemberData(nameof(DiagnosticCases.Names), MemberType = typeof(DiagnosticCases))]
    public void Reports_one_error_at_the_offending_token_and_generates_nothing(string caseName)
    {
        var diagnosticCase = DiagnosticCases.All[caseName];
        var source = MarkedSource.Parse(diagnosticCase.MarkedSource);
        var run = diagnosticCase.RunMarked(source.Text);

        Assert.Empty(run.Exceptions);
        Assert.True(run.GeneratorDiagnostics.Length == 1, $"Expected exactly one {diagnosticCase.Id}, got {DiagnosticText.Lines(run.GeneratorDiagnostics, run.Input.SyntaxTrees)}");
        var diagnostic = run.GeneratorDiagnostics[0];
        Assert.Equal(diagnosticCase.Id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        // The generator keeps locations as (path, span) values, so they come back as file locations.
        Assert.Contains(diagnostic.Location.Kind, new[] { LocationKind.SourceFile, LocationKind.ExternalFile });
        var tree = run.Input.SyntaxTrees.Single();
        Assert.Equal(tree.FilePath, diagnostic.Location.GetLineSpan().Path);
        Assert.True(
            source.Span == diagnostic.Location.SourceSpan,
            $"Expected the location '{source.MarkedText}' at {source.Span}, got {DiagnosticText.Render(diagnostic, run.Input.SyntaxTrees)}.");
        Assert.Equal(tree.GetText().Lines.GetLinePositionSpan(source.Span), diagnostic.Location.GetLineSpan().Span);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string fragment in diagnosticCase.MessageFragments)
        {
            Assert.Contains(fragment, message, StringComparison.Ordinal);
        }

        Assert.Null(run.SourceFor(diagnosticCase.FullName));
        Assert.Empty(run.GeneratedSources);
    }

    [Theory]
    [MemberData(nameof(DiagnosticCases.Names), MemberType = typeof(DiagnosticCases))]
    public void Fixed_declaration_generates_and_compiles(string caseName)
    {
        var diagnosticCase = DiagnosticCases.All[caseName];
        var run = GeneratorHarness.Run(diagnosticCase.FixedSource);

        Assert.Empty(run.Exceptions);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, $"Unexpected diagnostics: {DiagnosticText.Lines(run.GeneratorDiagnostics, run.Input.SyntaxTrees)}");
        Assert.NotNull(run.SourceFor(diagnosticCase.FixedFullName ?? diagnosticCase.FullName));
        var errors = run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"The fixed declaration does not compile: {DiagnosticText.Lines(errors)}");
    }

    [Fact]
    public void A_broken_layer_does_not_stop_a_valid_layer_beside_it()
    {
        var run = GeneratorHarness.Run(
            MarkedSource.Parse(DiagnosticCases.All["QDSL0001_NotPartial"].MarkedSource).Text,
            """
            using QuantDsl;

            namespace Other;

            /// <summary>Valid.</summary>
            [Int8Outliers]
            public sealed partial class Good : QuantLinear
            {
            }
            """);

        Assert.Equal("QDSL0001", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Equal("Other.Good.g.cs", Assert.Single(run.GeneratedSources).HintName);
    }

    [Fact]
    public void Conflicting_attributes_on_two_partial_declarations_report_once()
    {
        var run = GeneratorHarness.Run(
            """
            using QuantDsl;

            namespace Demo;

            [Int8Outliers]
            public sealed partial class Proj : QuantLinear
            {
            }
            """,
            """
            using QuantDsl;

            namespace Demo;

            [Fp4Train]
            public sealed partial class Proj
            {
            }
            """);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("QDSL0006", diagnostic.Id);
        Assert.Contains("[Int8Outliers], [Fp4Train]", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void Layer_without_any_base_type_reports_wrong_base()
    {
        var source = MarkedSource.Parse("""
            using QuantDsl;

            namespace Demo;

            [Int8Outliers]
            public sealed partial class [|Proj|]
            {
            }
            """);
        var run = GeneratorHarness.Run(source.Text);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("QDSL0002", diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Empty(run.GeneratedSources);
    }

    [Theory]
    [InlineData("VectorQuantize")]
    [InlineData("NsnKvCache")]
    public void Every_policy_not_generated_yet_reports_not_generated(string attribute)
    {
        var source = MarkedSource.Parse($$"""
            using QuantDsl;

            namespace Demo;

            [[|{{attribute}}|]]
            public sealed partial class Proj : QuantLinear
            {
            }
            """);
        var run = GeneratorHarness.Run(source.Text);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("QDSL0008", diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void Every_descriptor_is_an_enabled_error_with_a_unique_qdsl_id_listed_in_the_release_notes()
    {
        var descriptorsType = typeof(QuantLayerGenerator).Assembly.GetType("QuantDsl.Generators.Diagnostics.DiagnosticDescriptors", throwOnError: true)!;
        var descriptors = descriptorsType
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        string releases = File.ReadAllText(Path.Combine(RepositoryRoot(), "generators", "QuantDsl.Generators", "AnalyzerReleases.Unshipped.md"));

        Assert.Equal(
            Enumerable.Range(1, descriptors.Count).Select(i => $"QDSL{i:0000}"),
            descriptors.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
        foreach (var descriptor in descriptors)
        {
            Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault, descriptor.Id);
            Assert.Equal("QuantDsl", descriptor.Category);
            Assert.Contains($"{descriptor.Id} | QuantDsl | Error | {descriptor.Title}", releases, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}
