using System.Diagnostics;

namespace QuantDsl.Gpu;

/// <summary>
/// Runs the selected checks one after another on one device. Every check is caught on its own (a kernel
/// that fails to load, an out-of-memory, a wrong result), so one failure never hides the others.
/// </summary>
public sealed class Runner(HarnessOptions options, Log log)
{
    /// <summary>Runs <paramref name="checks"/>; the last line printed is <c>N passed, M failed</c>. Returns the exit code.</summary>
    public int Run(IReadOnlyList<Check> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var resultsFile = options.OutDirectory is null ? null : new ResultsFile(Path.Combine(options.OutDirectory, "results.json"), options);
        var results = new List<CheckResult>();
        log.Line($"QuantDsl GPU harness: suite {options.SuiteName}, {checks.Count} checks{(options.Filter is null ? string.Empty : $" matching '{options.Filter}'")}");
        log.Line($"host: {Environment.ProcessorCount} processors (the oracle uses all of them), {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");

        Device? device = null;
        var opening = Stopwatch.StartNew();
        try
        {
            device = Open(options.Device);
        }
        catch (Exception error)
        {
            // The messages say what is missing; a stack trace would only bury them.
            string message = MessagesOf(error);
            log.Line($"error: could not open the {options.Device} device: {message}");
            results.Add(new CheckResult("device/open", null, CheckOutcome.Failed(message), opening.Elapsed.TotalSeconds));
        }

        string deviceName = device?.Name ?? $"{options.Device} (not available)";
        if (device is not null)
        {
            log.Line($"device: {deviceName} (opened in {Formatting.Seconds(opening.Elapsed.TotalSeconds)})");
            log.Line($"layers: {string.Join(", ", LayerPolicy.All.Select(DescribeLayer))}");
            var context = new HarnessContext(device, new OracleCache(log), log);
            resultsFile?.Write(deviceName, results, checks.Count, complete: false);
            for (int i = 0; i < checks.Count; i++)
            {
                log.Line();
                log.Line($"[{i + 1}/{checks.Count}] {checks[i].Name}");
                var result = RunOne(checks[i], context);
                results.Add(result);
                Print(result);
                resultsFile?.Write(deviceName, results, checks.Count, complete: false);
            }

            Close(device);
        }

        int failed = results.Count(r => !r.Outcome.Passed);
        int passed = results.Count - failed;
        resultsFile?.Write(deviceName, results, checks.Count, complete: true);
        log.Line();
        if (failed > 0)
        {
            log.Line("Failed:");
            foreach (var result in results.Where(r => !r.Outcome.Passed))
            {
                log.Line($"  {result.Name}: {FirstLine(result.Outcome.Message)}");
            }
        }

        log.Line($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static Device Open(DeviceChoice choice) => choice switch
    {
        DeviceChoice.Cuda => Device.IsCudaAvailable
            ? Device.Cuda()
            : throw new InvalidOperationException(
                "CUDA is not available: ILGPU found no CUDA device (no NVIDIA driver or GPU visible to this process). " +
                "On a machine without a GPU run with --device cpu or --device ilgpu-cpu (and --quick)."),
        DeviceChoice.IlgpuCpu => Device.IlgpuCpu(),
        DeviceChoice.Cpu => Device.Cpu(),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, null),
    };

    private static CheckResult RunOne(Check check, HarnessContext context)
    {
        var stopwatch = Stopwatch.StartNew();
        CheckOutcome outcome;
        try
        {
            outcome = check.Run(context);
        }
        catch (KernelLoadException error)
        {
            outcome = CheckOutcome.Failed($"kernel {error.KernelName} could not be loaded: {Describe(error)}");
        }
        catch (Exception error)
        {
            outcome = CheckOutcome.Failed(Describe(error));
        }

        return new CheckResult(check.Name, check.Shape, outcome, stopwatch.Elapsed.TotalSeconds);
    }

    private static string Describe(Exception error) => error.ToString();

    private static string MessagesOf(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add($"{e.GetType().Name}: {e.Message}");
        }

        return string.Join(" <- ", messages);
    }

    private static string DescribeLayer(LayerPolicy policy)
    {
        using var layer = policy.Create(new Shape(1, 1, 1));
        return $"{policy.LayerType.Name} {layer.Policy}";
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    private void Print(CheckResult result)
    {
        var outcome = result.Outcome;
        string layer = outcome.LayerSeconds is { } seconds ? $"  layer call {Formatting.Seconds(seconds)}" : string.Empty;
        log.Line($"  {(outcome.Passed ? "PASS" : "FAIL")}  worst error/bound {Formatting.Ratio(outcome.WorstRatio)}{layer}  check {Formatting.Seconds(result.Seconds)}");
        foreach (string line in outcome.Message.Split('\n'))
        {
            log.Line($"        {line.TrimEnd('\r')}");
        }
    }

    private void Close(Device device)
    {
        try
        {
            device.Dispose();
        }
        catch (Exception error)
        {
            // After a failed kernel load CUDA may refuse to tear down (GPU.md); the results stand.
            log.Line($"warning: disposing {device.Name} failed: {error.Message}");
        }
    }
}
