using Microsoft.CodeAnalysis;
using QuantDsl.Generators.Tests.Cases;
using QuantDsl.Generators.Tests.Infrastructure;

namespace QuantDsl.Generators.Tests;

/// <summary>The generated code of every snapshot variant compiles against the real runtime and kernels, warning-free.</summary>
public sealed class GeneratedCodeCompilesTests
{
    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Generated_code_compiles_without_errors_or_warnings(string caseName)
    {
        var run = GeneratorHarness.Run(LayerCases.All[caseName].Source);

        Assert.Empty(run.Exceptions);
        Assert.NotEmpty(run.GeneratedSources);
        var problems = run.CompilationProblems.ToList();
        Assert.True(problems.Count == 0, $"The compilation after generation has problems: {DiagnosticText.Lines(problems)}");
    }

    [Fact]
    public void All_variants_compile_together_in_one_assembly()
    {
        var run = GeneratorHarness.Run(LayerCases.All.Values.Select(c => c.Source).ToArray());

        Assert.Empty(run.Exceptions);
        Assert.Equal(LayerCases.All.Count, run.GeneratedSources.Length);
        var problems = run.CompilationProblems.ToList();
        Assert.True(problems.Count == 0, $"The compilation after generation has problems: {DiagnosticText.Lines(problems)}");
    }

    [Fact]
    public void Generated_code_emits_to_an_assembly()
    {
        var run = GeneratorHarness.Run(LayerCases.All["Int8OutliersDefaults"].Source);
        using var stream = new MemoryStream();

        var emit = run.Output.Emit(stream);

        Assert.True(emit.Success, $"Emit failed: {DiagnosticText.Lines(emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))}");
    }
}
