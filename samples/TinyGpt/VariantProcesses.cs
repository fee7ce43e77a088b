using System.Diagnostics;
using System.Text.Json;

namespace TinyGptSample;

/// <summary>
/// <c>--jobs N</c>: trains up to N variants at once, each in a child process of this same program on the same device.
/// It pays off only where one run leaves the device idle (many CPU cores, or a GPU a single run does not fill; on an
/// H200 the large configuration already kept the GPU busy, so it gained nothing there). Each child trains one variant into its own folder;
/// the parent relays their progress lines and reads their results.json back, so the combined table and plot are
/// the same as a sequential run's.
/// </summary>
internal static class VariantProcesses
{
    public static List<VariantResult> Run(IReadOnlyList<string> variants, int jobs, string[] args, string outFolder, TextWriter log)
    {
        using var slots = new SemaphoreSlim(jobs);
        var gate = new object();
        var tasks = variants.Select(name => Task.Run(() =>
        {
            slots.Wait();
            try
            {
                return RunChild(name, args, Path.Combine(outFolder, name), log, gate);
            }
            finally
            {
                slots.Release();
            }
        })).ToArray();

        // Results in the order asked for, so the first variant stays the baseline of the table.
        return [.. tasks.Select(t => t.GetAwaiter().GetResult())];
    }

    private static VariantResult RunChild(string variant, string[] args, string folder, TextWriter log, object gate)
    {
        var start = ChildStart();
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Later options win in TinyGptOptions.Parse: the child trains this one variant into its own folder.
        foreach (string arg in new[] { "--variants", variant, "--jobs", "1", "--out", folder })
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the process for variant {variant}.");
        void Relay(string? line, string stream)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                log.WriteLine($"[{variant}{stream}] {line}");
            }
        }

        child.OutputDataReceived += (_, e) => Relay(e.Data, "");
        child.ErrorDataReceived += (_, e) => Relay(e.Data, " stderr");
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"Variant {variant} failed (exit code {child.ExitCode}); its output is above, its files in {folder}.");
        }

        return ReadResult(Path.Combine(folder, "results.json"), variant);
    }

    /// <summary>This program again: the app host, or <c>dotnet TinyGpt.dll</c> when run through the dotnet host.</summary>
    private static ProcessStartInfo ChildStart()
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("--jobs cannot find the path of this program.");
        var start = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, typeof(VariantProcesses).Assembly.GetName().Name + ".dll"));
        }

        return start;
    }

    /// <summary>The one variant of a child's results.json.</summary>
    public static VariantResult ReadResult(string path, string variant)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var entry in document.RootElement.GetProperty("variants").EnumerateArray())
        {
            if (entry.GetProperty("Name").GetString() != variant)
            {
                continue;
            }

            static List<(int Step, double Loss)> Curve(JsonElement points) =>
                [.. points.EnumerateArray().Select(p => (p.GetProperty("Step").GetInt32(), p.GetProperty("Loss").GetDouble()))];
            return new VariantResult(
                variant,
                entry.GetProperty("Description").GetString() ?? variant,
                Curve(entry.GetProperty("Train")),
                Curve(entry.GetProperty("Validation")),
                entry.GetProperty("TokensPerSecond").GetDouble(),
                entry.GetProperty("Seconds").GetDouble());
        }

        throw new InvalidDataException($"{path} holds no result for variant {variant}.");
    }
}
