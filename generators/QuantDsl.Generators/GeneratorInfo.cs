namespace QuantDsl.Generators;

/// <summary>Name and version stamped into generated files.</summary>
internal static class GeneratorInfo
{
    public const string Name = "QuantDsl.Generators";

    public const string Version = "0.1.0";

    /// <summary>The attribute every generated member carries.</summary>
    public const string GeneratedCodeAttribute =
        "[global::System.CodeDom.Compiler.GeneratedCode(\"" + Name + "\", \"" + Version + "\")]";
}
