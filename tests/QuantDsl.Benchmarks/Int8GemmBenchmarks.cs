using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using QuantDsl.Benchmarks.Onnx;
using QuantDsl.Kernels.Simd;

namespace QuantDsl.Benchmarks;

/// <summary>
/// (a) The int8 GEMM core, pre-quantized operands, int32 sums out: <c>Int8GemmCpu.Run</c> on weights packed once in
/// setup (as the layers cache them per weight version, and as ORT prepacks its constant B), and on unpacked operands,
/// against ONNX Runtime MatMulInteger (u8 activations with zero point 128 × s8 weights, the same products).
/// </summary>
public class Int8GemmBenchmarks
{
    private sbyte[] a = [];
    private sbyte[] w = [];
    private float[] y = [];
    private float[] yUnpacked = [];
    private Int8PackedWeights? packed;
    private OrtPeer? ort;

    [ParamsSource(typeof(BenchShapes), nameof(BenchShapes.All))]
    public GemmShape Shape { get; set; } = new(1, 4096, 4096);

    [GlobalSetup]
    public void Setup()
    {
        var (m, k, n) = (Shape.M, Shape.K, Shape.N);
        a = BenchData.Int8(m * k, seed: 1);
        w = BenchData.Int8(n * k, seed: 2);
        y = new float[m * n];
        yUnpacked = new float[m * n];
        packed = Int8PackedWeights.Pack(w, k, n, k);

        // MatMulInteger: A uint8 [M × K] with zero point 128 (so a_u8 − 128 = a_s8), B int8 [K × N].
        byte[] aUnsigned = a.Select(value => (byte)(value + 128)).ToArray();
        var bKn = BenchData.Transpose(w, n, k);
        var node = new OnnxNode("MatMulInteger", string.Empty, ["A", "B", "a_zero_point"], ["Y"], new Dictionary<string, long>());
        var initializers = new[]
        {
            OnnxTensor.Of("B", bKn, k, n),
            OnnxTensor.Of("a_zero_point", [128], OnnxDataType.UInt8),
        };
        var ortOutput = new int[m * n];
        ort = OrtPeer.Create(node, [new OnnxValue("A", OnnxDataType.UInt8, m, k)], new OnnxValue("Y", OnnxDataType.Int32, m, n), initializers,
            [OrtValue.CreateTensorValueFromMemory(aUnsigned, [m, k])], OrtValue.CreateTensorValueFromMemory(ortOutput, [m, n]));

        QuantDsl();
        QuantDslUnpacked();
        OnnxRuntime();

        // QuantDsl must be exact (only the int32 → fp32 rounding of its output may differ); ORT is compared with both.
        var (rows, exact) = BenchData.ExactInt8Rows(a, w, m, k, n);
        BenchData.RequireAgreement($"int8 GEMM {Shape} vs exact rows", BenchData.Rows(y, rows, n), exact, 1e-7);
        BenchData.RequireAgreement($"int8 GEMM {Shape} unpacked vs exact rows", BenchData.Rows(yUnpacked, rows, n), exact, 1e-7);
        var ortFloats = ortOutput.Select(value => (float)value).ToArray();
        if (BenchData.ReportPeerAccuracy($"int8 GEMM {Shape} MatMulInteger", BenchData.Rows(ortFloats, rows, n), exact, 1e-7))
        {
            BenchData.RequireAgreement($"int8 GEMM {Shape}", y, ortFloats, 1e-7);
        }
    }

    [Benchmark(Description = "QuantDsl Int8GemmCpu packed")]
    public void QuantDsl() => Int8GemmCpu.Run(a, Shape.K, packed!, y, Shape.M, default(AccumulatorEpilogue));

    [Benchmark(Description = "QuantDsl Int8GemmCpu unpacked")]
    public void QuantDslUnpacked() => Int8GemmCpu.Run(a, Shape.K, w, Shape.K, yUnpacked, Shape.M, Shape.N, Shape.K, default(AccumulatorEpilogue));

    [Benchmark(Baseline = true, Description = "ORT MatMulInteger")]
    public void OnnxRuntime() => ort!.Run();

    [GlobalCleanup]
    public void Cleanup() => ort?.Dispose();
}
