using System.Text;
using ApprovalTests.Core;

namespace QuantDsl.Generators.Tests.Infrastructure;

/// <summary>
/// Writes a snapshot's received file as UTF-8 without a byte-order mark and with '\n' line ends, so that
/// an approved file (a renamed received file) is byte-identical on every OS. ApprovalTests' own text
/// writer would add a BOM.
/// </summary>
public sealed class SnapshotWriter : IApprovalWriter
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly string text;
    private readonly string extensionWithDot;

    /// <summary>A writer of <paramref name="text"/> into <c>*.received.<paramref name="extension"/></c>.</summary>
    public SnapshotWriter(string text, string extension)
    {
        this.text = Normalize(text);
        extensionWithDot = "." + extension.TrimStart('.');
    }

    /// <summary>'\n' line ends, no BOM, exactly one final newline.</summary>
    public static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimStart('\uFEFF').TrimEnd('\n') + "\n";

    /// <inheritdoc/>
    public string GetApprovalFilename(string basename) => basename + ".approved" + extensionWithDot;

    /// <inheritdoc/>
    public string GetReceivedFilename(string basename) => basename + ".received" + extensionWithDot;

    /// <inheritdoc/>
    public string WriteReceivedFile(string received)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(received)!);
        File.WriteAllText(received, text, Utf8NoBom);
        return received;
    }
}
