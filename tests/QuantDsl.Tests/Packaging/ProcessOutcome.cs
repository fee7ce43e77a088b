namespace QuantDsl.Tests.Packaging;

/// <summary>How a child process ended and everything it printed.</summary>
/// <param name="CommandLine">The command as run, for messages.</param>
/// <param name="WorkingDirectory">Where it ran.</param>
/// <param name="ExitCode">Its exit code (−1 when it was killed for running too long).</param>
/// <param name="TimedOut">True when it ran past its time limit and was killed.</param>
/// <param name="Elapsed">How long it ran.</param>
/// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
public sealed record ProcessOutcome(string CommandLine, string WorkingDirectory, int ExitCode, bool TimedOut, TimeSpan Elapsed, string Output)
{
    /// <summary>True when the process finished in time with exit code 0.</summary>
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>A report for an assertion message: the command, how it ended, and its output.</summary>
    public override string ToString()
    {
        string ending = TimedOut ? $"killed after {Elapsed.TotalSeconds:F0} s (time limit)" : $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s";
        return $"`{CommandLine}` in {WorkingDirectory}: {ending}{Environment.NewLine}{Output}";
    }
}
