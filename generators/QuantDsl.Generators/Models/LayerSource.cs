namespace QuantDsl.Generators.Models;

/// <summary>The part of a <see cref="LayerModel"/> that determines the generated file (no locations).</summary>
internal sealed record LayerSource(HierarchyInfo Hierarchy, PolicyModel Policy, bool GenerateConstructor);
