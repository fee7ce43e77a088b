using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace QuantDsl.Generators.Models;

/// <summary>A source location as plain values (a <see cref="Location"/> would pin the syntax tree in the pipeline).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);
}
