using ApprovalTests.Core;
using ApprovalTests.Reporters;

namespace QuantDsl.Generators.Tests.Infrastructure;

/// <summary>
/// Reports a snapshot mismatch without launching any diff tool (CI has none): the test fails with the two
/// paths, the first differing line and the command that approves the received file. With the environment
/// variable <c>QUANTDSL_APPROVE_SNAPSHOTS=1</c> it approves instead (copies received over approved), for
/// (re)creating snapshots that are then reviewed with <c>git diff</c>.
/// </summary>
public sealed class SnapshotReporter : IReporterWithApprovalPower
{
    /// <summary>The environment variable that turns reporting into approving.</summary>
    public const string ApproveVariable = "QUANTDSL_APPROVE_SNAPSHOTS";

    /// <summary>The one instance (ApprovalTests looks for a static INSTANCE field).</summary>
    public static readonly SnapshotReporter INSTANCE = new();

    private static bool Approving => Environment.GetEnvironmentVariable(ApproveVariable) is "1" or "true";

    /// <inheritdoc/>
    public void Report(string approved, string received)
    {
        if (Approving)
        {
            File.Copy(received, approved, overwrite: true);
            return;
        }

        string difference = File.Exists(approved)
            ? FirstDifference(File.ReadAllText(approved), File.ReadAllText(received))
            : "there is no approved file yet.";
        throw new Xunit.Sdk.XunitException(
            $"Snapshot differs from its approved file: {difference}\n" +
            $"  approved: {approved}\n" +
            $"  received: {received}\n" +
            $"Review the received file; if it is right, approve it with\n" +
            $"  {QuietReporter.GetCommandLineForApproval(approved, received)}\n" +
            $"or run the tests with {ApproveVariable}=1 and review `git diff`.");
    }

    /// <inheritdoc/>
    public bool ApprovedWhenReported() => Approving;

    private static string FirstDifference(string approved, string received)
    {
        string[] expected = approved.ReplaceLineEndings("\n").Split('\n');
        string[] actual = received.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            string? e = i < expected.Length ? expected[i] : null;
            string? a = i < actual.Length ? actual[i] : null;
            if (e != a)
            {
                return $"first difference at line {i + 1}:\n  approved: {e ?? "(end of file)"}\n  received: {a ?? "(end of file)"}";
            }
        }

        return "the files differ only in encoding or line ends.";
    }
}
