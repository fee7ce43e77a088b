using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using QuantDsl.Benchmarks.Onnx;
using QuantDsl.Kernels.Gemv;
using QuantDsl.Kernels.Simd;

namespace QuantDsl.Benchmarks;

/// <summary>
/// (d) 4-bit weight-only GEMV / skinny GEMM Y = X·Wᵀ with fp32 activations: <see cref="WeightOnlyGemvCpu.MultiplyFp4"/>
/// (FP4 E2M1 codes, one scale per output channel) against ONNX Runtime MatMulNBits (com.microsoft: unsigned int4 with the
/// default zero point 8, block 32, one scale per block) at accuracy_level 0 (fp32 compute) and 4 (int8 activations).
/// Both read 4 bits per weight (ORT adds one fp32 scale per 32 weights). The formats differ, so each output is checked
/// against its own double-precision reference rather than against the other.
/// </summary>
public class Fp4GemvBenchmarks
{
    private const int Block = 32;

    private float[] x = [];
    private int[] w = [];
    private float[] scales = [];
    private float[] y = [];
    private OrtPeer? ortLevel0;
    private OrtPeer? ortLevel4;

    [ParamsSource(typeof(BenchShapes), nameof(BenchShapes.All))]
    public GemmShape Shape { get; set; } = new(1, 4096, 4096);

    [GlobalSetup]
    public void Setup()
    {
        var (m, k, n) = (Shape.M, Shape.K, Shape.N);
        if (k % Block != 0)
        {
            throw new InvalidOperationException($"MatMulNBits needs K a multiple of {Block}; got {k}.");
        }

        x = BenchData.Uniform(m * k, seed: 1);
        y = new float[m * n];
        var random = new Random(3);

        // Ours: random E2M1 nibbles, a per-channel scale of about 1/(6·√K).
        var nibbles = new byte[n * k];
        random.NextBytes(nibbles);
        for (int i = 0; i < nibbles.Length; i++)
        {
            nibbles[i] &= 0xF;
        }

        w = Fp4WeightPacking.Pack(nibbles, n, k);
        scales = Enumerable.Range(0, n).Select(_ => (float)((0.5 + random.NextDouble()) / (6 * Math.Sqrt(k)))).ToArray();

        // ORT: random unsigned int4 codes (value = (q − 8)·scale), [N, K/32, 16] bytes, low nibble = even k.
        var q = new byte[n * k];
        random.NextBytes(q);
        var packedQ = new byte[n * k / 2];
        for (int i = 0; i < packedQ.Length; i++)
        {
            q[2 * i] &= 0xF;
            q[(2 * i) + 1] &= 0xF;
            packedQ[i] = (byte)(q[2 * i] | (q[(2 * i) + 1] << 4));
        }

        var blockScales = Enumerable.Range(0, n * (k / Block)).Select(_ => (float)((0.5 + random.NextDouble()) / (8 * Math.Sqrt(k)))).ToArray();
        var ortOutput0 = new float[m * n];
        var ortOutput4 = new float[m * n];
        ortLevel0 = MatMulNBits(m, k, n, packedQ, blockScales, accuracyLevel: 0, ortOutput0);
        ortLevel4 = MatMulNBits(m, k, n, packedQ, blockScales, accuracyLevel: 4, ortOutput4);

        QuantDsl();
        OnnxRuntimeLevel0();
        OnnxRuntimeLevel4();

        double[] ladder = [0, 0.5, 1, 1.5, 2, 3, 4, 6];
        var fp4Reference = new float[m * n];
        var int4Reference = new float[m * n];
        Parallel.For(0, n, col =>
        {
            for (int row = 0; row < m; row++)
            {
                double fp4 = 0, int4 = 0;
                for (int kk = 0; kk < k; kk++)
                {
                    double xv = x[(row * k) + kk];
                    int nibble = nibbles[(col * k) + kk];
                    fp4 += xv * ladder[nibble & 7] * ((nibble & 8) != 0 ? -1 : 1);
                    int4 += xv * (q[(col * k) + kk] - 8) * blockScales[(col * (k / Block)) + (kk / Block)];
                }

                fp4Reference[(row * n) + col] = (float)(fp4 * scales[col]);
                int4Reference[(row * n) + col] = (float)int4;
            }
        });

        // fp32 summation only for ours and for level 0; level 4 quantizes X to int8 per block (≈ 1 % relative).
        BenchData.RequireAgreement($"FP4 GEMV {Shape} QuantDsl vs FP4 reference", y, fp4Reference, 1e-5);
        BenchData.ReportPeerAccuracy($"MatMulNBits {Shape} level 0 vs int4 reference", ortOutput0, int4Reference, 1e-5);
        BenchData.ReportPeerAccuracy($"MatMulNBits {Shape} level 4 vs int4 reference", ortOutput4, int4Reference, 0.02);
    }

    [Benchmark(Description = "QuantDsl MultiplyFp4")]
    public void QuantDsl() => WeightOnlyGemvCpu.MultiplyFp4(x, Shape.M, w, scales, y, Shape.N, Shape.K);

    [Benchmark(Baseline = true, Description = "ORT MatMulNBits acc0")]
    public void OnnxRuntimeLevel0() => ortLevel0!.Run();

    [Benchmark(Description = "ORT MatMulNBits acc4")]
    public void OnnxRuntimeLevel4() => ortLevel4!.Run();

    [GlobalCleanup]
    public void Cleanup()
    {
        ortLevel0?.Dispose();
        ortLevel4?.Dispose();
    }

    private OrtPeer MatMulNBits(int m, int k, int n, byte[] packedQ, float[] blockScales, long accuracyLevel, float[] output)
    {
        var attributes = new Dictionary<string, long>
        {
            ["K"] = k,
            ["N"] = n,
            ["bits"] = 4,
            ["block_size"] = Block,
            ["accuracy_level"] = accuracyLevel,
        };
        var node = new OnnxNode("MatMulNBits", "com.microsoft", ["A", "B", "scales"], ["Y"], attributes);
        var initializers = new[]
        {
            OnnxTensor.Of("B", packedQ, OnnxDataType.UInt8, n, k / Block, Block / 2),
            OnnxTensor.Of("scales", blockScales, n * (k / Block)),
        };
        return OrtPeer.Create(node, [new OnnxValue("A", OnnxDataType.Float, m, k)], new OnnxValue("Y", OnnxDataType.Float, m, n), initializers,
            [OrtValue.CreateTensorValueFromMemory(x, [m, k])], OrtValue.CreateTensorValueFromMemory(output, [m, n]));
    }
}
