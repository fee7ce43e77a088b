using QuantDsl.Generators.Helpers;

namespace QuantDsl.Generators.Models;

/// <summary>
/// Everything the generator knows about one annotated layer type, as equatable values. A null policy
/// means nothing is generated (an error was found, or another attribute of the same type reports).
/// </summary>
internal sealed record LayerModel(
    HierarchyInfo Hierarchy,
    PolicyModel? Policy,
    bool GenerateConstructor,
    EquatableArray<DiagnosticInfo> Diagnostics);
