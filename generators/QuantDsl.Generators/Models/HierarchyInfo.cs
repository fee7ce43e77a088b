namespace QuantDsl.Generators.Models;

/// <summary>
/// Where the layer type is declared: its namespace (empty for the global namespace) and name, both as C#
/// source (keywords escaped: <c>@event</c>), and whether a base type already has a <c>To(Device)</c> that the
/// generated one must hide with <c>new</c>.
/// </summary>
internal sealed record HierarchyInfo(string Namespace, string TypeName, bool IsAbstract, bool HidesInheritedTo = false)
{
    /// <summary><c>Demo.Proj</c>, or <c>Proj</c> in the global namespace.</summary>
    public string FullName => Namespace.Length == 0 ? TypeName : Namespace + "." + TypeName;

    /// <summary>
    /// The generated file's name: <c>Demo.Proj.g.cs</c>. Hint names allow fewer characters than identifiers:
    /// the '@' of escaped keywords is dropped and any other character but letters, digits, '.', '_' and '-'
    /// becomes '_'.
    /// </summary>
    public string HintName
    {
        get
        {
            var name = new System.Text.StringBuilder(FullName.Length + 5);
            foreach (char c in FullName)
            {
                if (c != '@')
                {
                    name.Append(char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
                }
            }

            return name.Append(".g.cs").ToString();
        }
    }
}
