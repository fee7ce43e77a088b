namespace QuantDsl.Generators.Tests.Infrastructure;

/// <summary>One input file of a test compilation.</summary>
/// <param name="Path">The syntax tree's file path (diagnostics show it).</param>
/// <param name="Text">The C# source.</param>
public sealed record SourceFile(string Path, string Text);
