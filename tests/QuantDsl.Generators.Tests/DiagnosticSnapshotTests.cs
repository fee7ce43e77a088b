using ApprovalTests.Namers;
using QuantDsl.Generators.Tests.Cases;
using QuantDsl.Generators.Tests.Infrastructure;

namespace QuantDsl.Generators.Tests;

/// <summary>
/// The rendered diagnostics of each minimal triggering declaration against
/// Snapshots/DiagnosticSnapshotTests.Diagnostics_match_approved_snapshot.ForScenario.&lt;case&gt;.approved.txt.
/// </summary>
[UseApprovalSubdirectory("Snapshots")]
public sealed class DiagnosticSnapshotTests
{
    [Theory]
    [MemberData(nameof(DiagnosticCases.Names), MemberType = typeof(DiagnosticCases))]
    public void Diagnostics_match_approved_snapshot(string caseName)
    {
        var diagnosticCase = DiagnosticCases.All[caseName];
        var run = diagnosticCase.RunMarked(MarkedSource.Parse(diagnosticCase.MarkedSource).Text);

        Assert.Empty(run.Exceptions);
        using (ApprovalResults.ForScenario(caseName))
        {
            Snapshot.Verify(DiagnosticText.Snapshot(run), "txt");
        }
    }
}
