namespace QuantDsl.Generators.Models;

/// <summary>Where the layer type is declared: its namespace (empty for the global namespace) and name.</summary>
internal sealed record HierarchyInfo(string Namespace, string TypeName, bool IsAbstract)
{
    /// <summary><c>Demo.Proj</c>, or <c>Proj</c> in the global namespace.</summary>
    public string FullName => Namespace.Length == 0 ? TypeName : Namespace + "." + TypeName;

    /// <summary>The generated file's name: <c>Demo.Proj.g.cs</c>.</summary>
    public string HintName => FullName + ".g.cs";
}
