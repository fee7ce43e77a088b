using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace QuantDsl.Generators.Tests.Infrastructure;

/// <summary>Everything one generator run produced.</summary>
/// <param name="Driver">The driver after the run (run it again for incremental runs).</param>
/// <param name="Result">The run result, with the tracked incremental steps.</param>
/// <param name="Input">The compilation the generator saw.</param>
/// <param name="Output">The input plus the generated syntax trees.</param>
/// <param name="GeneratedSources">Every generated file.</param>
/// <param name="GeneratorDiagnostics">Diagnostics the generator reported (and CS8784/CS8785 if it threw).</param>
/// <param name="CompilationDiagnostics">All diagnostics of <paramref name="Output"/>.</param>
/// <param name="Exceptions">Exceptions the generator threw (none, ever, is the contract).</param>
public sealed record GeneratorRun(
    GeneratorDriver Driver,
    GeneratorDriverRunResult Result,
    CSharpCompilation Input,
    Compilation Output,
    ImmutableArray<GeneratedSourceResult> GeneratedSources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics,
    ImmutableArray<Exception> Exceptions)
{
    /// <summary>Warnings and errors of the output compilation.</summary>
    public IEnumerable<Diagnostic> CompilationProblems =>
        CompilationDiagnostics.Where(d => d.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Error);

    /// <summary>The generated file of the layer <paramref name="fullName"/> (e.g. <c>Demo.Proj</c>), or null.</summary>
    public GeneratedSourceResult? SourceFor(string fullName) =>
        GeneratedSources.Where(s => s.HintName == fullName + ".g.cs").Select(s => (GeneratedSourceResult?)s).FirstOrDefault();

    /// <summary>The generated file of <paramref name="fullName"/>'s text; fails when there is none.</summary>
    public string TextOf(string fullName) =>
        SourceFor(fullName)?.SourceText.ToString()
        ?? throw new Xunit.Sdk.XunitException(
            $"No source was generated for {fullName}; generated: [{string.Join(", ", GeneratedSources.Select(s => s.HintName))}]; " +
            $"generator diagnostics: {DiagnosticText.Lines(GeneratorDiagnostics, Input.SyntaxTrees)}");
}
