using Microsoft.CodeAnalysis;
using QuantDsl.Generators.Tests.Cases;
using QuantDsl.Generators.Tests.Infrastructure;

namespace QuantDsl.Generators.Tests;

/// <summary>
/// Malformed and unusual declarations: the generator never throws; it either generates code that adds no
/// error or warning to the compilation, or it reports (or leaves the compiler to report) the problem.
/// </summary>
public sealed class RobustnessTests
{
    [Theory]
    [MemberData(nameof(RobustnessCases.Names), MemberType = typeof(RobustnessCases))]
    public void Never_throws_and_never_emits_code_that_adds_problems(string caseName)
    {
        var robustnessCase = RobustnessCases.All[caseName];
        var run = GeneratorHarness.Run(robustnessCase.Sources);

        var before = run.Input.GetDiagnostics()
            .Where(d => d.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Error)
            .Select(Key)
            .ToHashSet();
        var introduced = run.CompilationProblems.Where(d => !before.Contains(Key(d))).ToList();
        var generated = run.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal).ToList();
        var reported = DiagnosticText.InSourceOrder(run.GeneratorDiagnostics).ToList();
        string outcome =
            $"\ngenerated: [{string.Join(", ", generated)}]" +
            $"\ngenerator diagnostics: {DiagnosticText.Lines(reported, run.Input.SyntaxTrees)}" +
            $"\nproblems the generated code adds: {DiagnosticText.Lines(introduced, run.Output.SyntaxTrees)}";

        Assert.True(run.Exceptions.IsEmpty, $"The generator threw: {string.Join("; ", run.Exceptions)}");
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.True(
            robustnessCase.Generates.Select(name => name + ".g.cs").Order(StringComparer.Ordinal).SequenceEqual(generated),
            $"Expected to generate [{string.Join(", ", robustnessCase.Generates)}];{outcome}");
        Assert.True(
            robustnessCase.Reports.SequenceEqual(reported.Select(d => d.Id)),
            $"Expected to report [{string.Join(", ", robustnessCase.Reports)}];{outcome}");
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.True(introduced.Count == 0, $"The generated code adds problems to the compilation;{outcome}");

        if (robustnessCase.Generates.Length == 0 && robustnessCase.Reports.Length == 0)
        {
            Assert.True(
                run.Input.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error),
                "Nothing was generated and nothing reported, yet the declaration compiles: the problem would go unnoticed.");
        }
    }

    [Fact]
    public void File_scoped_and_block_namespaces_generate_the_same_file()
    {
        var fileScoped = GeneratorHarness.Run(RobustnessCases.All["FileScopedNamespace"].Sources);
        var block = GeneratorHarness.Run(RobustnessCases.All["BlockNamespace"].Sources);

        Assert.Equal(fileScoped.TextOf("Demo.Proj"), block.TextOf("Demo.Proj"));
    }

    [Fact]
    public void Abstract_layer_gets_a_protected_constructor()
    {
        string text = GeneratorHarness.Run(RobustnessCases.All["AbstractPartialClass"].Sources).TextOf("Demo.Proj");

        Assert.Contains("protected Proj(int inFeatures, int outFeatures, bool bias = true, int seed = 0)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("public Proj(", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PrimaryConstructor")]
    [InlineData("SplitAcrossTwoPartialDeclarations")]
    public void Layer_with_a_user_constructor_gets_no_generated_constructor(string caseName)
    {
        string text = GeneratorHarness.Run(RobustnessCases.All[caseName].Sources).TextOf("Demo.Proj");

        Assert.DoesNotContain("Proj(int inFeatures", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var sources = LayerCases.All.Values.Select(c => c.Source).ToArray();

        var first = GeneratorHarness.Run(sources).GeneratedSources.Select(s => (s.HintName, Text: s.SourceText.ToString()));
        var second = GeneratorHarness.Run(sources).GeneratedSources.Select(s => (s.HintName, Text: s.SourceText.ToString()));

        Assert.Equal(first, second);
    }

    private static (string Id, string? Path, int Start, int Length) Key(Diagnostic diagnostic) =>
        (diagnostic.Id, diagnostic.Location.SourceTree?.FilePath, diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
}
