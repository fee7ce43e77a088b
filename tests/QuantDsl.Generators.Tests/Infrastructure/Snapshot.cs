using ApprovalTests;

namespace QuantDsl.Generators.Tests.Infrastructure;

/// <summary>
/// Compares text with its approved snapshot. ApprovalTests names the file after the calling test
/// (<c>Class.Method[.ForScenario.Name].approved.ext</c>, from the stack trace and the PDB's source path) in
/// the folder of the test's source file plus the test class's <c>[UseApprovalSubdirectory]</c>.
/// </summary>
public static class Snapshot
{
    /// <summary>Verifies <paramref name="text"/> against <c>*.approved.<paramref name="extension"/></c>.</summary>
    public static void Verify(string text, string extension) =>
        Approvals.Verify(new SnapshotWriter(text, extension), Approvals.GetDefaultNamer(), SnapshotReporter.INSTANCE);
}
