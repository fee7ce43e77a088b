using Microsoft.CodeAnalysis.CSharp;
using QuantDsl.Generators.Tests.Infrastructure;

namespace QuantDsl.Generators.Tests.Cases;

/// <summary>
/// A declaration that must report exactly one <paramref name="Id"/> at its <c>[|…|]</c> span and generate
/// nothing for <paramref name="FullName"/>, and the fixed declaration, which must generate it cleanly.
/// </summary>
/// <param name="Name">The case's name (snapshot scenario and theory argument).</param>
/// <param name="Id">The expected diagnostic id.</param>
/// <param name="FullName">The layer type's full name.</param>
/// <param name="MarkedSource">The declaration, with the diagnostic's location marked as <c>[|…|]</c>.</param>
/// <param name="FixedSource">The same declaration, corrected.</param>
/// <param name="MessageFragments">Text the message must contain.</param>
public sealed record DiagnosticCase(
    string Name,
    string Id,
    string FullName,
    string MarkedSource,
    string FixedSource,
    params string[] MessageFragments)
{
    /// <summary>The fixed declaration's layer, when the fix renames it; <see cref="FullName"/> otherwise.</summary>
    public string? FixedFullName { get; init; }

    /// <summary>The C# version the marked declaration is compiled as (the fix always uses the latest); null for the latest.</summary>
    public LanguageVersion? LanguageVersion { get; init; }

    /// <summary>Runs the generator on the marked declaration (markers removed), in <see cref="LanguageVersion"/>.</summary>
    public GeneratorRun RunMarked(string text) =>
        LanguageVersion is { } version ? GeneratorHarness.Run(text, version) : GeneratorHarness.Run(text);
}
