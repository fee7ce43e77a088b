namespace QuantDsl.Generators.Tests.Cases;

/// <summary>A malformed or unusual declaration and what the generator must do with it.</summary>
/// <param name="Name">The case's name (theory argument).</param>
/// <param name="Sources">The input files.</param>
/// <param name="Generates">The layers (full names) that must be generated; empty when none.</param>
/// <param name="Reports">The generator diagnostic ids expected, in source order; empty when the compiler alone reports.</param>
public sealed record RobustnessCase(string Name, string[] Sources, string[] Generates, string[] Reports);
