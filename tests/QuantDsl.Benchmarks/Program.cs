using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Running;
using QuantDsl.Benchmarks;

const string Usage = """
    QuantDsl CPU benchmarks against ONNX Runtime peers (same process, same shapes, ORT on 2 intra-op threads).

    usage: QuantDsl.Benchmarks [options] [BenchmarkDotNet options]
           QuantDsl.Benchmarks plot <gpu-bench.json> <out.png>

      --quick              in-process job, 2 warm-up + 7 iterations: the default suite in ≤ ~10 min on 2 cores
      --shapes KxN[,KxN]   weight shapes, K input × N output features (default 4096x4096;
                           the issue's set: 4096x4096,4096x11008,11008x4096,8192x8192)
      --batches M[,M]      activation rows (default 1,16,128; the issue's set adds 1024,4096)
      --help               this text
      plot                 draws TOPS vs M per shape (QuantDsl and the cuBLAS peer) from the JSON written by
                           the GPU harness's --bench mode (tests/QuantDsl.Gpu) into a PNG

    Benchmark classes (pick with --filter '*Int8Gemm*' etc.; BenchmarkDotNet's own options pass through):
      Int8GemmBenchmarks       Int8GemmCpu.Run packed / unpacked (pre-quantized, int32 sums) vs ORT MatMulInteger (u8 × s8)
      LayerForwardBenchmarks   [Int8Outliers] layer forward, threshold 0 and 6 vs ORT DynamicQuantizeMatMul
      Fp32GemmBenchmarks       Fp32GemmCpu.Multiply vs ORT MatMul vs a TensorPrimitives.Dot GEMM
      Fp4GemvBenchmarks        WeightOnlyGemvCpu.MultiplyFp4 vs ORT MatMulNBits (4-bit, block 32, accuracy_level 0 and 4)
    Ratios are to the ORT peer (Baseline). Each setup first checks that both sides compute the same thing.
    Reports land in BenchmarkDotNet.Artifacts/results (git-ignored); copy the markdown to docs/runs/.
    """;

if (args.Length > 0 && args[0] == "plot")
{
    if (args.Length != 3)
    {
        Console.Error.WriteLine("usage: QuantDsl.Benchmarks plot <gpu-bench.json> <out.png>");
        return 2;
    }

    return SweepPlot.Draw(args[1], args[2]);
}

var passThrough = new List<string>();
bool quick = false;
try
{
    for (int i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--help" or "-h":
                Console.WriteLine(Usage);
                return 0;
            case "--quick":
                quick = true;
                break;
            case "--shapes":
                string shapes = Value(args, ref i);
                _ = BenchShapes.ParseWeights(shapes);
                Environment.SetEnvironmentVariable(BenchShapes.ShapesVariable, shapes);
                break;
            case "--batches":
                string batches = Value(args, ref i);
                _ = BenchShapes.ParseBatches(batches);
                Environment.SetEnvironmentVariable(BenchShapes.BatchesVariable, batches);
                break;
            default:
                passThrough.Add(args[i]);
                break;
        }
    }
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

IConfig config = quick ? QuickConfig.Create() : DefaultConfig.Instance.AddExporter(MarkdownExporter.GitHub);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchShapes).Assembly).Run([.. passThrough], config);
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;

static string Value(string[] args, ref int i)
{
    if (i + 1 >= args.Length)
    {
        throw new ArgumentException($"{args[i]} needs a value.");
    }

    return args[++i];
}
