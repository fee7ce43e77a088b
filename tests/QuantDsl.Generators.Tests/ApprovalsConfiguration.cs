using ApprovalTests.Reporters;
using QuantDsl.Generators.Tests.Infrastructure;

// Any ApprovalTests call that does not pass its reporter explicitly reports like Snapshot.Verify: no diff tool.
[assembly: UseReporter(typeof(SnapshotReporter))]
