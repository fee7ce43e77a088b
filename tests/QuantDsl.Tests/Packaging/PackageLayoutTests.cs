using System.IO.Compression;
using System.Xml.Linq;

namespace QuantDsl.Tests.Packaging;

/// <summary>The QuantDsl .nupkg holds exactly the runtime, the kernels and the generator, and depends on ILGPU only.</summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed class PackageLayoutTests(PackedQuantDsl package)
{
    /// <summary>Every file a user gets, and nothing else (OPC bookkeeping aside).</summary>
    private static readonly string[] ExpectedFiles =
    [
        "QuantDsl.nuspec",
        "README.md",
        "analyzers/dotnet/cs/QuantDsl.Generators.dll",
        "lib/net10.0/QuantDsl.Kernels.dll",
        "lib/net10.0/QuantDsl.Kernels.xml",
        "lib/net10.0/QuantDsl.dll",
        "lib/net10.0/QuantDsl.xml",
    ];

    [Fact]
    public void Package_holds_runtime_kernels_with_docs_generator_and_readme_and_nothing_else()
    {
        package.AssertPacked();
        using var archive = ZipFile.OpenRead(package.PackageFile);

        var files = archive.Entries
            .Select(entry => entry.FullName)
            .Where(name => !IsPackagingBookkeeping(name))
            .Order(StringComparer.Ordinal)
            .ToArray();

        var missing = ExpectedFiles.Except(files, StringComparer.Ordinal).ToArray();
        var unexpected = files.Except(ExpectedFiles, StringComparer.Ordinal).ToArray();
        Assert.True(
            missing.Length == 0 && unexpected.Length == 0,
            $"Missing: [{string.Join(", ", missing)}]; unexpected: [{string.Join(", ", unexpected)}]; the package holds: [{string.Join(", ", files)}].");
    }

    [Fact]
    public void Nuspec_depends_on_ILGPU_1_5_3_only_and_names_the_readme()
    {
        package.AssertPacked();
        using var archive = ZipFile.OpenRead(package.PackageFile);
        var nuspecEntry = archive.GetEntry("QuantDsl.nuspec");
        Assert.NotNull(nuspecEntry);
        using var nuspecStream = nuspecEntry.Open();
        var metadata = XDocument.Load(nuspecStream).Root?.Elements().SingleOrDefault(element => element.Name.LocalName == "metadata");
        Assert.NotNull(metadata);

        Assert.Equal("QuantDsl", Child(metadata, "id"));
        Assert.Equal(package.Version, Child(metadata, "version"));
        Assert.Equal("README.md", Child(metadata, "readme"));
        var dependencies = metadata.Descendants()
            .Where(element => element.Name.LocalName == "dependency")
            .Select(dependency => $"{dependency.Parent?.Attribute("targetFramework")?.Value}: {dependency.Attribute("id")?.Value} {dependency.Attribute("version")?.Value}")
            .ToArray();
        Assert.Equal(["net10.0: ILGPU 1.5.3"], dependencies);
    }

    /// <summary>Files every .nupkg has (Open Packaging Conventions), not chosen by the project.</summary>
    private static bool IsPackagingBookkeeping(string name) =>
        name == "[Content_Types].xml" || name.StartsWith("_rels/", StringComparison.Ordinal) || name.StartsWith("package/services/", StringComparison.Ordinal);

    private static string? Child(XElement metadata, string localName) =>
        metadata.Elements().SingleOrDefault(element => element.Name.LocalName == localName)?.Value;
}
