using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using QuantDsl.Generators.Tests.Infrastructure;

namespace QuantDsl.Generators.Tests;

/// <summary>
/// The pipelines stay cached across edits that cannot change a layer, regenerate on edits that do, and their
/// step outputs hold only equatable values (no symbols, syntax or locations).
/// </summary>
public sealed class IncrementalityTests
{
    private const string SourceStep = "Int8Outliers.Source";
    private const string ModelStep = "Int8Outliers.Model";
    private const string DiagnosticsStep = "Int8Outliers.Diagnostics";

    private static readonly SourceFile LayerFile = new("Proj.cs", """
        using QuantDsl;

        namespace Demo;

        // The layer's own comment.
        [Int8Outliers(Threshold = 6f)]
        public sealed partial class Proj : QuantLinear
        {
        }
        """);

    private static readonly SourceFile BrokenLayerFile = new("Broken.cs", """
        using QuantDsl;

        namespace Demo;

        [Int8Outliers(Threshold = -1f)]
        public sealed partial class Broken : QuantLinear
        {
        }
        """);

    private static readonly SourceFile HelperFile = new("Helper.cs", """
        namespace Demo;

        public static class Helper
        {
            public static int Twice(int x) => x * 2;
        }
        """);

    public static TheoryData<string> UnrelatedEdits => new("AddUnrelatedFile", "EditUnrelatedMethodBody", "EditCommentInLayerFile");

    [Theory]
    [MemberData(nameof(UnrelatedEdits))]
    public void Edit_that_cannot_change_a_layer_leaves_every_step_cached_or_unchanged(string edit)
    {
        var compilation = GeneratorHarness.CreateCompilation(LayerFile, BrokenLayerFile, HelperFile);
        var first = GeneratorHarness.Run(compilation);

        var second = GeneratorHarness.Run(first.Driver, Apply(edit, compilation));

        Assert.Empty(second.Exceptions);
        foreach (string step in new[] { ModelStep, DiagnosticsStep, SourceStep })
        {
            var reasons = OutputReasons(second.Result, step);
            Assert.NotEmpty(reasons);
            Assert.True(
                reasons.All(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged),
                $"{step} after {edit}: [{string.Join(", ", reasons)}]");
        }

        Assert.Equal(
            first.GeneratedSources.Select(s => s.SourceText.ToString()),
            second.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Equal(first.GeneratorDiagnostics.Select(d => DiagnosticText.Render(d)), second.GeneratorDiagnostics.Select(d => DiagnosticText.Render(d)));
    }

    [Fact]
    public void Changing_the_threshold_modifies_the_source_step_output()
    {
        var compilation = GeneratorHarness.CreateCompilation(LayerFile, BrokenLayerFile, HelperFile);
        var first = GeneratorHarness.Run(compilation);

        var edited = Replace(compilation, LayerFile.Path, LayerFile.Text.Replace("Threshold = 6f", "Threshold = 5f", StringComparison.Ordinal));
        var second = GeneratorHarness.Run(first.Driver, edited);

        var reasons = OutputReasons(second.Result, SourceStep);
        Assert.Equal([IncrementalStepRunReason.Modified], reasons);
        Assert.Contains("public const float Threshold = 5f;", second.TextOf("Demo.Proj"), StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_a_broken_layer_updates_its_diagnostic_but_not_the_sources()
    {
        var compilation = GeneratorHarness.CreateCompilation(LayerFile, BrokenLayerFile, HelperFile);
        var first = GeneratorHarness.Run(compilation);

        var edited = Replace(compilation, BrokenLayerFile.Path, "// moved down a line\n" + BrokenLayerFile.Text);
        var second = GeneratorHarness.Run(first.Driver, edited);

        Assert.Contains(IncrementalStepRunReason.Modified, OutputReasons(second.Result, DiagnosticsStep));
        Assert.All(OutputReasons(second.Result, SourceStep), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        var diagnostic = Assert.Single(second.GeneratorDiagnostics);
        Assert.Equal(6, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void Tracked_step_outputs_hold_no_symbols_syntax_or_locations()
    {
        var compilation = GeneratorHarness.CreateCompilation(LayerFile, BrokenLayerFile, HelperFile);
        var first = GeneratorHarness.Run(compilation);
        var second = GeneratorHarness.Run(first.Driver, Apply("EditCommentInLayerFile", compilation));

        foreach (var run in new[] { first, second })
        {
            var steps = run.Result.Results[0].TrackedSteps.Where(s => IsPipelineStep(s.Key)).ToList();
            Assert.Contains(steps, s => s.Key == SourceStep);
            foreach (var (name, runs) in steps)
            {
                foreach (var (value, _) in runs.SelectMany(r => r.Outputs))
                {
                    var forbidden = ObjectGraph.FindForbidden(value);
                    Assert.True(forbidden.Count == 0, $"{name} holds Roslyn objects: {string.Join("; ", forbidden)}");
                }
            }
        }
    }

    [Fact]
    public void Models_of_identical_declarations_are_equal_across_independent_runs()
    {
        var first = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(LayerFile, BrokenLayerFile, HelperFile));
        var second = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(LayerFile, BrokenLayerFile, HelperFile));

        foreach (string step in new[] { ModelStep, DiagnosticsStep, SourceStep })
        {
            var a = OutputValues(first.Result, step);
            var b = OutputValues(second.Result, step);
            Assert.NotEmpty(a);
            Assert.Equal(a, b);
            Assert.Equal(a.Select(v => v.GetHashCode()), b.Select(v => v.GetHashCode()));
        }
    }

    private static CSharpCompilation Apply(string edit, CSharpCompilation compilation) => edit switch
    {
        "AddUnrelatedFile" => compilation.AddSyntaxTrees(GeneratorHarness.Parse(new SourceFile("Unrelated.cs", """
            namespace Demo.Unrelated;

            internal sealed class Counter
            {
                public int Count { get; set; }
            }
            """))),
        "EditUnrelatedMethodBody" => Replace(compilation, HelperFile.Path, HelperFile.Text.Replace("x * 2", "x + x", StringComparison.Ordinal)),
        "EditCommentInLayerFile" => Replace(compilation, LayerFile.Path, LayerFile.Text.Replace("The layer's own comment.", "An edited, longer comment about the layer.", StringComparison.Ordinal)),
        _ => throw new ArgumentOutOfRangeException(nameof(edit), edit, null),
    };

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        Assert.NotEqual(old.GetText().ToString(), text);
        return compilation.ReplaceSyntaxTree(old, GeneratorHarness.Parse(new SourceFile(path, text)));
    }

    private static bool IsPipelineStep(string name) =>
        name.EndsWith(".Model", StringComparison.Ordinal) ||
        name.EndsWith(".Diagnostics", StringComparison.Ordinal) ||
        name.EndsWith(".Source", StringComparison.Ordinal);

    private static List<IncrementalStepRunReason> OutputReasons(GeneratorDriverRunResult result, string step) =>
        result.Results[0].TrackedSteps.TryGetValue(step, out var runs)
            ? runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToList()
            : throw new Xunit.Sdk.XunitException($"No tracked step {step}; tracked: {string.Join(", ", result.Results[0].TrackedSteps.Keys)}");

    private static List<object> OutputValues(GeneratorDriverRunResult result, string step) =>
        result.Results[0].TrackedSteps[step].SelectMany(r => r.Outputs).Select(o => o.Value).ToList();
}
