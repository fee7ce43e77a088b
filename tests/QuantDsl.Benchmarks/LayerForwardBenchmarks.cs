using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using QuantDsl.Benchmarks.Layers;
using QuantDsl.Benchmarks.Onnx;
using QuantDsl.Kernels.Simd;

namespace QuantDsl.Benchmarks;

/// <summary>
/// (b) The whole quantized linear forward on <see cref="Device.Cpu"/> (activation quantization, outlier
/// decomposition, int8 GEMM, dequantization, bias) against ONNX Runtime DynamicQuantizeMatMul (com.microsoft:
/// dynamic per-tensor u8 activations × per-column s8 weights + bias) on the same weights.
/// Threshold 0: standard-normal activations, pure vector-wise. Threshold 6: the same with 6 planted outlier
/// columns at 20×, which the layer sends through fp32.
/// </summary>
public class LayerForwardBenchmarks
{
    private const int OutlierColumns = 6;
    private const float OutlierScale = 20f;

    private QuantLinear? layer;
    private Tensor? x;
    private OrtPeer? ort;

    [ParamsSource(typeof(BenchShapes), nameof(BenchShapes.All))]
    public GemmShape Shape { get; set; } = new(1, 4096, 4096);

    [Params(0f, 6f)]
    public float Threshold { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (m, k, n) = (Shape.M, Shape.K, Shape.N);
        layer = Threshold == 0f ? new VectorWiseLayer(k, n, seed: 3) : new OutlierLayer(k, n, seed: 3);
        float[] weight = layer.Weight.Value.ToArray();
        float[] bias = layer.Bias!.Value.ToArray();
        float[] input = Activations(m, k, Threshold == 0f ? 0 : OutlierColumns);
        x = Tensor.FromArray(Device.Cpu(), input, m, k);

        // The peer's weights: symmetric per-output-channel int8, B stored [K × N], one scale per column.
        var (quantized, scales) = QuantizePerChannel(weight, n, k);
        var node = new OnnxNode("DynamicQuantizeMatMul", "com.microsoft", ["A", "B", "b_scale", "", "bias"], ["Y"], new Dictionary<string, long>());
        var initializers = new[]
        {
            OnnxTensor.Of("B", BenchData.Transpose(quantized, n, k), k, n),
            OnnxTensor.Of("b_scale", scales, n),
            OnnxTensor.Of("bias", bias, n),
        };
        var ortOutput = new float[m * n];
        ort = OrtPeer.Create(node, [new OnnxValue("A", OnnxDataType.Float, m, k)], new OnnxValue("Y", OnnxDataType.Float, m, n), initializers,
            [OrtValue.CreateTensorValueFromMemory(input, [m, k])], OrtValue.CreateTensorValueFromMemory(ortOutput, [m, n]));

        float[] quantDsl;
        using (var y = layer.Forward(x))
        {
            quantDsl = y.ToArray();
        }

        OnnxRuntime();
        var reference = new float[m * n];
        Fp32GemmCpu.Multiply(input, 0, k, false, weight, 0, k, true, reference, 0, n, m, n, k, accumulate: false);
        for (int i = 0; i < reference.Length; i++)
        {
            reference[i] += bias[i % n];
        }

        // Both are int8 approximations of the same fp32 layer: each must be close to it. ORT quantizes the
        // activations with one per-tensor scale, so planted outliers cost it far more than the layer.
        BenchData.RequireAgreement($"layer {Shape} t={Threshold} QuantDsl vs fp32", quantDsl, reference, 0.02);
        if (BenchData.ReportPeerAccuracy($"layer {Shape} t={Threshold} ORT vs fp32", ortOutput, reference, Threshold == 0f ? 0.02 : 0.25))
        {
            BenchData.RequireAgreement($"layer {Shape} t={Threshold} QuantDsl vs ORT", quantDsl, ortOutput, Threshold == 0f ? 0.03 : 0.25);
        }
    }

    [Benchmark(Description = "QuantDsl [Int8Outliers] forward")]
    public void QuantDsl()
    {
        using var y = layer!.Forward(x!);
    }

    [Benchmark(Baseline = true, Description = "ORT DynamicQuantizeMatMul")]
    public void OnnxRuntime() => ort!.Run();

    [GlobalCleanup]
    public void Cleanup()
    {
        ort?.Dispose();
        x?.Dispose();
        layer?.Dispose();
    }

    private static float[] Activations(int m, int k, int outlierColumns)
    {
        var random = new Random(4);
        var values = new float[m * k];
        for (int i = 0; i < values.Length; i++)
        {
            // Box–Muller: standard normal activations, |x| < 6 in practice.
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        for (int c = 0; c < outlierColumns; c++)
        {
            int column = (int)(((2L * c) + 1) * k / (2L * outlierColumns));
            for (int row = 0; row < m; row++)
            {
                values[(row * k) + column] *= OutlierScale;
            }
        }

        return values;
    }

    private static (sbyte[] Quantized, float[] Scales) QuantizePerChannel(float[] weight, int n, int k)
    {
        var quantized = new sbyte[weight.Length];
        var scales = new float[n];
        for (int row = 0; row < n; row++)
        {
            var values = new ReadOnlySpan<float>(weight, row * k, k);
            float maxAbs = 0;
            foreach (float value in values)
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(value));
            }

            float scale = maxAbs > 0 ? maxAbs / 127f : 1f;
            scales[row] = scale;
            for (int i = 0; i < k; i++)
            {
                quantized[(row * k) + i] = (sbyte)Math.Clamp(MathF.Round(values[i] / scale), -127, 127);
            }
        }

        return (quantized, scales);
    }
}
