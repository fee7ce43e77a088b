using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;

namespace QuantDsl.Generators.Tests.Infrastructure;

/// <summary>Diagnostics as stable, reviewable text (1-based lines and columns, '\n' line ends).</summary>
public static class DiagnosticText
{
    /// <summary>
    /// <c>QDSL0001 Error Layer0.cs(6,21)-(6,25) 'Proj': message</c>: id, severity, file, 1-based start and
    /// end (line,column), the text the location covers, and the message. The generator reports its
    /// diagnostics with file locations (path and span, no syntax tree): the covered text is then read from
    /// the tree of that path among <paramref name="trees"/>.
    /// </summary>
    public static string Render(Diagnostic diagnostic, IEnumerable<SyntaxTree>? trees = null)
    {
        var location = diagnostic.Location;
        string where = "(no location)";
        if (location.Kind is LocationKind.SourceFile or LocationKind.ExternalFile)
        {
            var span = location.GetLineSpan();
            var tree = location.SourceTree ?? trees?.FirstOrDefault(t => t.FilePath == span.Path);
            string covered = tree is null ? "?" : tree.GetText().ToString(location.SourceSpan).ReplaceLineEndings(" ");
            where = string.Create(
                CultureInfo.InvariantCulture,
                $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}) '{covered}'");
        }

        return $"{diagnostic.Id} {diagnostic.Severity} {where}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }

    /// <summary>One rendered diagnostic per line, sorted by file and position; "(none)" when empty.</summary>
    public static string Lines(IEnumerable<Diagnostic> diagnostics, IEnumerable<SyntaxTree>? trees = null)
    {
        var lines = InSourceOrder(diagnostics)
            .Select(d => Render(d, trees))
            .ToList();
        return lines.Count == 0 ? "(none)" : "\n" + string.Join("\n", lines);
    }

    /// <summary>
    /// The snapshot of a diagnostic case: the input with line numbers, the generator's diagnostics, and the
    /// generated files (their names only).
    /// </summary>
    public static string Snapshot(GeneratorRun run)
    {
        var text = new StringBuilder();
        foreach (var tree in run.Input.SyntaxTrees)
        {
            text.Append("Input ").Append(Path.GetFileName(tree.FilePath)).Append(":\n");
            var lines = tree.GetText().Lines;
            foreach (var line in lines)
            {
                text.Append(string.Create(CultureInfo.InvariantCulture, $"{line.LineNumber + 1,4} | {line}").TrimEnd()).Append('\n');
            }

            text.Append('\n');
        }

        text.Append("Generator diagnostics:\n");
        foreach (var diagnostic in InSourceOrder(run.GeneratorDiagnostics))
        {
            text.Append(Render(diagnostic, run.Input.SyntaxTrees)).Append('\n');
        }

        text.Append("\nGenerated files:\n");
        if (run.GeneratedSources.IsEmpty)
        {
            text.Append("(none)\n");
        }

        foreach (var source in run.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            text.Append(source.HintName).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Sorted by file path, then position, then id.</summary>
    public static IEnumerable<Diagnostic> InSourceOrder(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal);
}
