namespace QuantDsl.Tests.Packaging;

/// <summary>A new empty folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryFolder : IDisposable
{
    /// <summary>Creates the folder; its name starts with <paramref name="prefix"/>.</summary>
    public TemporaryFolder(string prefix)
    {
        FullPath = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(FullPath);
    }

    /// <summary>The folder's absolute path.</summary>
    public string FullPath { get; }

    /// <summary>A path inside the folder.</summary>
    public string Combine(params string[] parts) => Path.Combine([FullPath, .. parts]);

    /// <summary>Deletes <paramref name="path"/> and everything under it, if it exists; a file still held open is left behind.</summary>
    public static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Cleanup is best effort: a leftover temp folder must not fail the test that made it.
        }
    }

    /// <inheritdoc/>
    public void Dispose() => DeleteQuietly(FullPath);
}
