namespace QuantDsl.Tests.Packaging;

/// <summary>Finds the repository this test assembly was built from.</summary>
public static class RepositoryRoot
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "Dsl.sln";

    /// <summary>The nearest folder above the test assembly that holds <see cref="SolutionFileName"/>.</summary>
    /// <exception cref="InvalidOperationException">The test assembly does not lie inside the repository.</exception>
    public static string Find()
    {
        string start = Path.GetDirectoryName(typeof(RepositoryRoot).Assembly.Location) ?? AppContext.BaseDirectory;
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFileName)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFileName} in {start} or any folder above it: run the packaging tests from a built checkout.");
    }
}
