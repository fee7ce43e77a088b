namespace QuantDsl.Gpu;

/// <summary>The command line of the harness.</summary>
public sealed record HarnessOptions
{
    /// <summary>What <c>--help</c> prints.</summary>
    public const string HelpText = """
        QuantDsl GPU harness: the LLM.int8 ([Int8Outliers]) oracle checks of CI, at real sizes, on one device.

        Usage: app [--device cuda|ilgpu-cpu|cpu] [--all | --quick] [--filter TEXT] [--out DIR] [--list]
               app --bench [--quick] [--shapes KxN,...] [--batches M,...] [--reps N] [--device cuda|ilgpu-cpu] [--out DIR]

        Options:
          --device KIND  Where the layers run (default cuda):
                           cuda       the generated ILGPU kernels on CUDA device 0; fails with a clear
                                      message when ILGPU finds no CUDA device;
                           ilgpu-cpu  the same kernels on ILGPU's CPU accelerator (slow: use --quick);
                           cpu        the generated SIMD CPU fallbacks.
          --all          The full suite at real sizes: 4096 tokens x 4096 in x 4096 out, and odd shapes
                         1x4096x4096, 4095x4097x1025, 16x11008x4096 (default).
          --quick        The same checks at small shapes (at most 344 wide, 67 tokens), to verify the
                         harness on a machine without a GPU.
          --filter TEXT  Run only the checks whose name contains TEXT (case-insensitive), for example
                         forward/, /threshold0/ or 4096x4096x4096. --list shows the names.
          --out DIR      Also write DIR/results.json (device name; every check with name, shape, passed,
                         worst error/bound ratio, seconds), rewritten after each check so that a cut-off
                         run still leaves its results, and DIR/console.txt (a copy of the output).
          --list         Print the names of the checks that would run, and exit.
          --bench        Benchmark mode instead of the checks: median time over --reps samples after warm-up
                         (stream synchronization; short kernels batched so a sample lasts >= 2 ms) of the
                         [Int8Outliers] forward (threshold 6 with 6 outlier columns at 20x, and threshold 0),
                         the raw int8 GEMM on pre-quantized operands, the activation quantization and the
                         outlier detection alone, and in-process cuBLAS fp16 and bf16 GEMMs (libcublas.so.13,
                         fp32 accumulation) on the same shapes; plus a copy kernel and a device memcpy as the
                         bandwidth reference. Prints TOPS or GB/s, % of the device's limit picked by name (H100 SXM:
                         INT8 1979 TOPS, FP16/BF16 989, HBM 3350 GB/s; H200: same compute, HBM 4800 GB/s;
                         also vs the copy measured on that machine: 3000 / 4300 GB/s) and the
                         speed-up over cuBLAS fp16/bf16; with --out writes DIR/bench.json (plot it with
                         tests/QuantDsl.Benchmarks: `plot DIR/bench.json sweep.png`). Each shape is first
                         checked: raw GEMM = layer output at threshold 0, cuBLAS = a float64 dot on samples.
          --shapes LIST  Bench weight shapes KxN (in x out features), default
                         4096x4096,4096x11008,11008x4096,8192x8192 (--quick: 4096x4096).
          --batches LIST Bench token counts M, default 1,16,128,1024,4096 (--quick: 1,128,4096).
          --reps N       Bench samples per operation, at least 20 (default 20).
          -h, --help     Print this help and exit.

        Each check compares the device's results element by element with the scalar oracle
        (tests/QuantDsl.Oracle) under bounds derived from float32 roundoff, and prints the time of one
        layer call after a warm-up call (information only, not a benchmark; no warm-up on ilgpu-cpu,
        where times mean nothing). The oracle runs over all
        cores. The last line printed is "N passed, M failed"; the exit code is 0 only when M is 0
        (1 when a check failed, 2 for a bad command line or when no check matched --filter).
        """;

    /// <summary>The device to run on.</summary>
    public DeviceChoice Device { get; init; } = DeviceChoice.Cuda;

    /// <summary>Small shapes instead of real ones.</summary>
    public bool Quick { get; init; }

    /// <summary>Only checks whose name contains this; null for all.</summary>
    public string? Filter { get; init; }

    /// <summary>Folder for results.json and console.txt; null for none.</summary>
    public string? OutDirectory { get; init; }

    /// <summary>List the selected checks instead of running them.</summary>
    public bool ListOnly { get; init; }

    /// <summary>Print the help and exit.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>Benchmark mode (<c>--bench</c>) instead of the checks.</summary>
    public bool Bench { get; init; }

    /// <summary>Bench weight shapes as given (<c>KxN,...</c>); null for the default of the suite.</summary>
    public string? Shapes { get; init; }

    /// <summary>Bench token counts as given (<c>M,...</c>); null for the default of the suite.</summary>
    public string? Batches { get; init; }

    /// <summary>Bench samples per operation.</summary>
    public int Reps { get; init; } = MinimumReps;

    /// <summary>The fewest samples a median is taken over.</summary>
    public const int MinimumReps = 20;

    /// <summary>The suite's name as printed and recorded: <c>all</c> or <c>quick</c>.</summary>
    public string SuiteName => Quick ? "quick" : "all";

    /// <summary>Reads <paramref name="args"/>; on a mistake returns false and says what is wrong in <paramref name="error"/>.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out HarnessOptions options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = new HarnessOptions();
        error = null;
        bool sawAll = false, sawQuick = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    options = options with { ShowHelp = true };
                    break;
                case "--all":
                    sawAll = true;
                    options = options with { Quick = false };
                    break;
                case "--quick":
                    sawQuick = true;
                    options = options with { Quick = true };
                    break;
                case "--list":
                    options = options with { ListOnly = true };
                    break;
                case "--bench":
                    options = options with { Bench = true };
                    break;
                case "--device" or "--filter" or "--out" or "--shapes" or "--batches" or "--reps":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = $"{arg} needs a value.";
                        return false;
                    }

                    string value = args[++i];
                    if (arg == "--filter")
                    {
                        options = options with { Filter = value };
                    }
                    else if (arg == "--out")
                    {
                        options = options with { OutDirectory = value };
                    }
                    else if (arg == "--shapes")
                    {
                        options = options with { Shapes = value };
                    }
                    else if (arg == "--batches")
                    {
                        options = options with { Batches = value };
                    }
                    else if (arg == "--reps")
                    {
                        if (!int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out int reps) || reps < MinimumReps)
                        {
                            error = $"--reps {value}: give a whole number of at least {MinimumReps}.";
                            return false;
                        }

                        options = options with { Reps = reps };
                    }
                    else if (TryParseDevice(value, out var device))
                    {
                        options = options with { Device = device };
                    }
                    else
                    {
                        error = $"--device {value}: use cuda, ilgpu-cpu or cpu.";
                        return false;
                    }

                    break;
                default:
                    error = $"Unknown option '{arg}'.";
                    return false;
            }
        }

        if (!options.Bench && (options.Shapes ?? options.Batches) is not null)
        {
            error = "--shapes and --batches belong to --bench.";
            return false;
        }

        if (sawAll && sawQuick)
        {
            error = "--all and --quick exclude each other: --all runs real sizes, --quick small ones.";
            return false;
        }

        return true;
    }

    private static bool TryParseDevice(string value, out DeviceChoice device)
    {
        switch (value.ToUpperInvariant())
        {
            case "CUDA":
                device = DeviceChoice.Cuda;
                return true;
            case "ILGPU-CPU":
                device = DeviceChoice.IlgpuCpu;
                return true;
            case "CPU":
                device = DeviceChoice.Cpu;
                return true;
            default:
                device = default;
                return false;
        }
    }
}
