using System.Diagnostics;
using System.Text;

namespace QuantDsl.Tests.Packaging;

/// <summary>Runs the <c>dotnet</c> CLI as a child process with a time limit, capturing its output.</summary>
public static class DotnetCli
{
    /// <summary>Arguments that keep MSBuild and the compiler from leaving server processes behind after the test.</summary>
    public static readonly string[] NoBuildServers = ["-nodeReuse:false", "-p:UseSharedCompilation=false"];

    /// <summary>How long to wait for the last output once the process has ended (a leftover grandchild may hold the pipe).</summary>
    private static readonly TimeSpan OutputDrainTimeLimit = TimeSpan.FromSeconds(30);

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; kills it (and its children) past <paramref name="timeout"/>.</summary>
    public static async Task<ProcessOutcome> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        PrepareEnvironment(startInfo.Environment);
        var output = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(line.Data);
                }
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // WaitForExitAsync returns once the process has ended and its output has been read to the end.
        bool timedOut = !await WaitForExitAsync(process, timeout);
        if (timedOut)
        {
            KillTree(process);
            await WaitForExitAsync(process, OutputDrainTimeLimit);
        }

        stopwatch.Stop();
        int exitCode = !timedOut && process.HasExited ? process.ExitCode : -1;
        lock (output)
        {
            return new ProcessOutcome($"dotnet {string.Join(' ', arguments)}", workingDirectory, exitCode, timedOut, stopwatch.Elapsed, output.ToString());
        }
    }

    /// <summary>True when the process ended (and its output was drained) within <paramref name="limit"/>, or at least ended.</summary>
    private static async Task<bool> WaitForExitAsync(Process process, TimeSpan limit)
    {
        using var cancellation = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return process.HasExited;
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited just now.
        }
    }

    /// <summary>The muxer that runs this test host when there is one, so the child uses the same SDK installation.</summary>
    private static string DotnetExecutable()
    {
        string? hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        string? processPath = Environment.ProcessPath;
        return processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath : "dotnet";
    }

    /// <summary>
    /// A clean CLI environment: no MSBuild variables inherited from the <c>dotnet test</c> that started this
    /// host (they would point the child at the outer build's state), no first-run banner, no build server.
    /// </summary>
    private static void PrepareEnvironment(IDictionary<string, string?> environment)
    {
        foreach (string name in environment.Keys.Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            environment.Remove(name);
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
    }
}
