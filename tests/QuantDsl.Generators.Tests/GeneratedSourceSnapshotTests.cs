using ApprovalTests.Namers;
using QuantDsl.Generators.Tests.Cases;
using QuantDsl.Generators.Tests.Infrastructure;

namespace QuantDsl.Generators.Tests;

/// <summary>
/// The generated file of each attribute variant against Snapshots/GeneratedSourceSnapshotTests.Generated_file_matches_approved_snapshot.ForScenario.&lt;case&gt;.approved.cs.
/// </summary>
[UseApprovalSubdirectory("Snapshots")]
public sealed class GeneratedSourceSnapshotTests
{
    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Generated_file_matches_approved_snapshot(string caseName)
    {
        var layer = LayerCases.All[caseName];
        var run = GeneratorHarness.Run(layer.Source);

        Assert.Empty(run.Exceptions);
        Assert.Empty(run.GeneratorDiagnostics);
        var source = Assert.Single(run.GeneratedSources);
        Assert.Equal(layer.FullName + ".g.cs", source.HintName);
        using (ApprovalResults.ForScenario(caseName))
        {
            Snapshot.Verify(source.SourceText.ToString(), "cs");
        }
    }
}
