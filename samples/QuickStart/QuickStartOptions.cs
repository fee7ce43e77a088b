using System.Globalization;

namespace QuickStart;

/// <summary>Command-line options of the quick start, each with its help text.</summary>
internal sealed record QuickStartOptions
{
    public string Device { get; init; } = "auto";

    public int Tokens { get; init; } = 512;

    public int InFeatures { get; init; } = 1024;

    public int OutFeatures { get; init; } = 1024;

    public int OutlierColumns { get; init; } = 6;

    public float OutlierScale { get; init; } = 20f;

    public int Seed { get; init; } = 1;

    public bool Help { get; init; }

    public static string Usage => """
        QuickStart: an [Int8Outliers] (LLM.int8) layer against fp32 and plain vector-wise int8.

        Usage: dotnet run --project samples/QuickStart -c Release -- [options]

        Options:
          --device NAME           auto (CUDA if present, else CPU SIMD), cpu, cuda or ilgpu-cpu.   [auto]
          --tokens N              Rows of the activations X (tokens in the batch).                  [512]
          --in N                  Input features of the layer (K).                                  [1024]
          --out N                 Output features of the layer (N).                                 [1024]
          --outlier-columns N     Input feature columns planted as systematic outliers.             [6]
          --outlier-scale S       How much larger than the other features the outliers are.         [20]
          --seed N                Seed of the synthetic data and of the weights.                    [1]
          -h, --help              Show this help and exit.

        The data are built in: X ~ N(0, 1) with the outlier columns scaled (as in LLMs past ~6B
        parameters), W ~ U(−1/√in, 1/√in). The layer's threshold (6) is compile-time policy, written in
        OutlierProjection.cs.
        """;

    public static QuickStartOptions Parse(string[] args)
    {
        var options = new QuickStartOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {name} needs a value. See --help.");
            int Positive() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n
                : throw new ArgumentException($"Option {name} needs a positive integer. See --help.");
            options = name switch
            {
                "-h" or "--help" => options with { Help = true },
                "--device" => options with { Device = Value() },
                "--tokens" => options with { Tokens = Positive() },
                "--in" => options with { InFeatures = Positive() },
                "--out" => options with { OutFeatures = Positive() },
                "--outlier-columns" => options with { OutlierColumns = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--outlier-scale" => options with { OutlierScale = float.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option '{name}'. See --help."),
            };
        }

        if (options.OutlierColumns < 0 || options.OutlierColumns > options.InFeatures)
        {
            throw new ArgumentException($"--outlier-columns must be between 0 and --in ({options.InFeatures}).");
        }

        return options;
    }

    public QuantDsl.Device OpenDevice() => Device.ToUpperInvariant() switch
    {
        "AUTO" => QuantDsl.Device.Auto(),
        "CPU" => QuantDsl.Device.Cpu(),
        "CUDA" => QuantDsl.Device.Cuda(),
        "ILGPU-CPU" => QuantDsl.Device.IlgpuCpu(),
        _ => throw new ArgumentException($"--device '{Device}' is not one of auto, cpu, cuda, ilgpu-cpu."),
    };
}
