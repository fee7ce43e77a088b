using System.Globalization;
using System.Text;
using System.Text.Json;
using TinyGptSample;

TinyGptOptions options;
try
{
    options = TinyGptOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(TinyGptOptions.Usage);
    return 0;
}

var settings = options.Settings();
var log = Console.Out;
QuantDsl.Device device;
try
{
    device = options.CreateDevice();
}
catch (InvalidOperationException error)
{
    Console.Error.WriteLine($"--device {options.Device}: {error.Message}");
    return 1;
}

using var deviceScope = device;
log.WriteLine($"Device: {device.Name}");

// Corpus: the Brown corpus (fetched once) or the user's file; documents split by the seed.
IReadOnlyList<string> documents;
try
{
    if (options.Corpus is { } file)
    {
        string text = File.ReadAllText(file);
        documents = [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)];
        log.WriteLine($"Corpus: {file} ({text.Length:N0} characters, {documents.Count} paragraphs)");
    }
    else
    {
        string cache = Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "quantdsl");
        documents = BrownCorpus.Load(cache, log);
        log.WriteLine($"Corpus: Brown ({BrownCorpus.Package}), {documents.Count} documents, {documents.Sum(d => d.Length):N0} characters");
    }
}
catch (Exception error) when (error is InvalidOperationException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(error.Message);
    return 1;
}

if (documents.Count < 2)
{
    Console.Error.WriteLine("The corpus needs at least two documents (paragraphs separated by a blank line) to split off a validation set.");
    return 1;
}

var order = Enumerable.Range(0, documents.Count).ToArray();
new Random(settings.Seed).Shuffle(order);
int validationCount = Math.Max(1, documents.Count / 20);
string validationText = string.Concat(order.Take(validationCount).Order().Select(i => documents[i]));
string trainText = string.Concat(order.Skip(validationCount).Order().Select(i => documents[i]));
var tokenizer = new CharTokenizer(trainText + validationText);
int[] train = tokenizer.Encode(trainText);
int[] validation = tokenizer.Encode(validationText);
if (validation.Length <= settings.Context + 1 || train.Length <= settings.Context + 1)
{
    Console.Error.WriteLine($"The corpus is too small for a context of {settings.Context} characters.");
    return 1;
}

string outFolder = options.Out ?? Path.Combine("runs", "tinygpt-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
Directory.CreateDirectory(outFolder);
log.WriteLine($"Split: {train.Length:N0} training / {validation.Length:N0} validation characters, vocabulary {tokenizer.VocabSize}");
log.WriteLine($"Model: width {settings.Width}, {settings.Layers} layers, {settings.Heads} heads, context {settings.Context}; " +
    $"{settings.Steps} steps of {settings.Batch}×{settings.Context} characters, peak lr {settings.LearningRate}, seed {settings.Seed}");
log.WriteLine($"Unigram entropy of the validation text: {UnigramEntropy(validation, tokenizer.VocabSize):F4} nats (a model must beat this)");

var results = new List<VariantResult>();
if (options.Jobs > 1 && options.Variants.Length > 1)
{
    log.WriteLine($"Training {string.Join(", ", options.Variants)} in up to {options.Jobs} processes at once on {device.Name}");
    try
    {
        results.AddRange(VariantProcesses.Run(options.Variants, options.Jobs, args, outFolder, log));
    }
    catch (Exception error) when (error is InvalidOperationException or IOException or InvalidDataException or System.Text.Json.JsonException)
    {
        Console.Error.WriteLine(error.Message);
        return 1;
    }

    WriteResults();
}
else
{
    foreach (string name in options.Variants)
    {
        var variant = Variant.Find(name);
        log.WriteLine($"Training {variant.Name}: {variant.Description}");
        results.Add(Trainer.Run(variant, settings, train, validation, tokenizer.VocabSize, device, options.CheckpointDir, options.Resume, log));

        // Written after every variant, so a run stopped part-way (a time limit, Ctrl+C) keeps what it finished.
        WriteResults();
    }
}

log.WriteLine();
log.Write(Table());
log.WriteLine($"Wrote loss.png, results.md and results.json to {outFolder}");
return 0;

// Table: final validation loss, perplexity, gap to the baseline (the first variant).
string Table()
{
    var table = new StringBuilder();
    table.AppendLine(CultureInfo.InvariantCulture, $"| variant | final val loss | perplexity | gap vs {results[0].Name} | tokens/s |");
    table.AppendLine("|---|---|---|---|---|");
    foreach (var result in results)
    {
        double gap = (result.FinalValidation / results[0].FinalValidation) - 1;
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| {result.Name} ({result.Description}) | {result.FinalValidation:F4} | {Math.Exp(result.FinalValidation):F3} | {gap * 100:+0.00;-0.00;0.00} % | {result.TokensPerSecond:F0} |");
    }

    return table.ToString();
}

void WriteResults()
{
    string png = Path.Combine(outFolder, "loss.png");
    LossPlot.Save(png, results, $"TinyGpt on {(options.Corpus is null ? "the Brown corpus" : Path.GetFileName(options.Corpus))}: width {settings.Width}, {settings.Layers} layers, {settings.Steps} steps");
    File.WriteAllText(Path.Combine(outFolder, "results.md"), Table());
    File.WriteAllText(Path.Combine(outFolder, "results.json"), JsonSerializer.Serialize(
        new
        {
            settings,
            device = device.Name,
            variants = results.Select(r => new
            {
                r.Name,
                r.Description,
                r.FinalValidation,
                Perplexity = Math.Exp(r.FinalValidation),
                GapPercent = ((r.FinalValidation / results[0].FinalValidation) - 1) * 100,
                r.TokensPerSecond,
                r.Seconds,
                Validation = r.Validation.Select(p => new { p.Step, p.Loss }),
                Train = r.Train.Select(p => new { p.Step, p.Loss }),
            }),
        },
        new JsonSerializerOptions { WriteIndented = true }));
}

static double UnigramEntropy(int[] tokens, int vocab)
{
    var counts = new double[vocab];
    foreach (int t in tokens)
    {
        counts[t]++;
    }

    return -counts.Where(c => c > 0).Sum(c => c / tokens.Length * Math.Log(c / tokens.Length));
}
