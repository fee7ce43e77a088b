namespace QuantDsl.Generators.Tests.Cases;

/// <summary>A valid layer declaration and the layer the generator must write for it.</summary>
/// <param name="Name">The case's name (snapshot scenario and theory argument).</param>
/// <param name="FullName">The generated layer's full name, e.g. <c>Demo.Proj</c>.</param>
/// <param name="Source">The declaration.</param>
public sealed record LayerCase(string Name, string FullName, string Source);
