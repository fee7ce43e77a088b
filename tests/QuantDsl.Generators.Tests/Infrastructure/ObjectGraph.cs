using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace QuantDsl.Generators.Tests.Infrastructure;

/// <summary>
/// Walks an incremental step's output by reflection (fields, and the items of collections) and finds the
/// Roslyn objects a pipeline model must not hold: symbols, syntax, locations, compilations. Such objects
/// pin old compilations in memory and break the value equality that lets steps stay cached.
/// </summary>
public static class ObjectGraph
{
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol),
        typeof(SyntaxNode),
        typeof(SyntaxToken),
        typeof(SyntaxTrivia),
        typeof(SyntaxTree),
        typeof(SyntaxReference),
        typeof(Location),
        typeof(Compilation),
        typeof(SemanticModel),
        typeof(AttributeData),
        typeof(TypedConstant),
    ];

    /// <summary>The paths (e.g. <c>LayerModel.Diagnostics[0].Location</c>) of every forbidden object under <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> FindForbidden(object? root)
    {
        var found = new List<string>();
        Visit(root, root?.GetType().Name ?? "null", new HashSet<object>(ReferenceEqualityComparer.Instance), found);
        return found;
    }

    private static void Visit(object? node, string path, HashSet<object> visited, List<string> found)
    {
        if (node is null)
        {
            return;
        }

        var type = node.GetType();
        if (Forbidden.Any(forbidden => forbidden.IsAssignableFrom(type)))
        {
            found.Add($"{path}: {type.FullName}");
            return;
        }

        // Leaves: values, and the static, immutable, equatable descriptors that diagnostics refer to.
        if (type.IsPrimitive || type.IsEnum || node is string or decimal or DiagnosticDescriptor)
        {
            return;
        }

        if (!type.IsValueType && !visited.Add(node))
        {
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>) &&
            (bool)type.GetProperty("IsDefault")!.GetValue(node)!)
        {
            return;
        }

        if (node is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                Visit(item, $"{path}[{index++}]", visited, found);
            }

            return;
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Visit(field.GetValue(node), $"{path}.{field.Name}", visited, found);
            }
        }
    }
}
