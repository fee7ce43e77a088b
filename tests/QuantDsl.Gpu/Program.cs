using System.Text;
using QuantDsl.Gpu;

// The GPU harness: see HarnessOptions.HelpText, and publish.sh for how it reaches the GPU machine.
Console.OutputEncoding = new UTF8Encoding(false);
if (!HarnessOptions.TryParse(args, out var options, out string? error))
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(HarnessOptions.HelpText);
    return 0;
}

if (options.Bench)
{
    if (options.OutDirectory is not null)
    {
        Directory.CreateDirectory(options.OutDirectory);
    }

    using var benchLog = new Log(options.OutDirectory is null ? null : Path.Combine(options.OutDirectory, "console.txt"));
    return new QuantDsl.Gpu.Bench.GpuBench(options, benchLog).Run(args);
}

var checks = Suite.Create(options.Quick)
    .Where(check => options.Filter is null || check.Name.Contains(options.Filter, StringComparison.OrdinalIgnoreCase))
    .ToList();
if (options.ListOnly)
{
    checks.ForEach(check => Console.WriteLine(check.Name));
    return 0;
}

if (checks.Count == 0)
{
    Console.Error.WriteLine($"error: no check name contains '{options.Filter}' (--list shows the names).");
    Console.WriteLine("0 passed, 0 failed");
    return 2;
}

if (options.OutDirectory is not null)
{
    Directory.CreateDirectory(options.OutDirectory);
}

using var log = new Log(options.OutDirectory is null ? null : Path.Combine(options.OutDirectory, "console.txt"));
return new Runner(options, log).Run(checks);
