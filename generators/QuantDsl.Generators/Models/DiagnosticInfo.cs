using Microsoft.CodeAnalysis;
using QuantDsl.Generators.Helpers;

namespace QuantDsl.Generators.Models;

/// <summary>A diagnostic to report, as equatable values.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        new(descriptor, LocationInfo.From(location), new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), global::System.Linq.Enumerable.ToArray(Arguments));
}
