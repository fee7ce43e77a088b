using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using QuantDsl.Benchmarks.Onnx;
using QuantDsl.Kernels.Simd;

namespace QuantDsl.Benchmarks;

/// <summary>
/// (c) fp32 GEMM Y = X·Wᵀ (W [N × K] as a linear layer stores it): <see cref="Fp32GemmCpu.Multiply"/>
/// against ONNX Runtime MatMul and a plain TensorPrimitives.Dot GEMM (one dot per output, rows over cores).
/// </summary>
public class Fp32GemmBenchmarks
{
    private float[] x = [];
    private float[] w = [];
    private float[] y = [];
    private float[] yDot = [];
    private OrtPeer? ort;

    [ParamsSource(typeof(BenchShapes), nameof(BenchShapes.All))]
    public GemmShape Shape { get; set; } = new(1, 4096, 4096);

    [GlobalSetup]
    public void Setup()
    {
        var (m, k, n) = (Shape.M, Shape.K, Shape.N);
        x = BenchData.Uniform(m * k, seed: 1);
        w = BenchData.Uniform(n * k, seed: 2, bound: 1f / MathF.Sqrt(k));
        y = new float[m * n];
        yDot = new float[m * n];

        var node = new OnnxNode("MatMul", string.Empty, ["X", "W"], ["Y"], new Dictionary<string, long>());
        var ortOutput = new float[m * n];
        ort = OrtPeer.Create(node, [new OnnxValue("X", OnnxDataType.Float, m, k)], new OnnxValue("Y", OnnxDataType.Float, m, n),
            [OnnxTensor.Of("W", BenchData.Transpose(w, n, k), k, n)],
            [OrtValue.CreateTensorValueFromMemory(x, [m, k])], OrtValue.CreateTensorValueFromMemory(ortOutput, [m, n]));

        QuantDsl();
        OnnxRuntime();
        TensorPrimitivesDot();
        // Same products summed in different orders: fp32 rounding only.
        BenchData.RequireAgreement($"fp32 GEMM {Shape} vs ORT", y, ortOutput, 1e-5);
        BenchData.RequireAgreement($"fp32 GEMM {Shape} vs TensorPrimitives", yDot, ortOutput, 1e-5);
    }

    [Benchmark(Description = "QuantDsl Fp32GemmCpu")]
    public void QuantDsl() => Fp32GemmCpu.Multiply(x, 0, Shape.K, false, w, 0, Shape.K, true, y, 0, Shape.N, Shape.M, Shape.N, Shape.K, accumulate: false);

    [Benchmark(Baseline = true, Description = "ORT MatMul")]
    public void OnnxRuntime() => ort!.Run();

    [Benchmark(Description = "TensorPrimitives.Dot GEMM")]
    public void TensorPrimitivesDot()
    {
        int k = Shape.K;
        int n = Shape.N;
        // Parallel over output columns when M is small, so both cores work even for a single row.
        Parallel.For(0, Shape.M * n, index =>
        {
            int row = index / n;
            int col = index % n;
            yDot[index] = TensorPrimitives.Dot(new ReadOnlySpan<float>(x, row * k, k), new ReadOnlySpan<float>(w, col * k, k));
        });
    }

    [GlobalCleanup]
    public void Cleanup() => ort?.Dispose();
}
