using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Simd;
using QuantDsl.Oracle;
using QuantDsl.Tests.Backends;
using QuantDsl.Tests.Layers;

namespace QuantDsl.Tests.Fp4;

/// <summary>
/// Generated [Fp4Train] layers against the FP4 oracle: forward (quantized product, OCC, compensation) and backward
/// (E5M2/bf16 output gradient, dX against Q(W), DGE-weighted dW, compensation gradient), for the three attribute
/// variants, on the SIMD CPU path.
/// </summary>
public sealed class Fp4LayerTests
{
    public static TheoryData<string, int, int, int> Cases => new()
    {
        { "default", 24, 200, 40 },
        { "default", 1, 33, 7 },
        { "direct", 24, 200, 40 },
        { "direct", 5, 72, 17 },
        { "variant", 24, 200, 40 },
        { "variant", 3, 130, 9 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_and_backward_match_the_oracle(string variant, int tokens, int inFeatures, int outFeatures) =>
        CheckAgainstOracle(Device.Cpu(), variant, tokens, inFeatures, outFeatures);

    /// <summary>Forward and backward of the variant's layer on <paramref name="device"/> against the FP4 oracle.</summary>
    internal static void CheckAgainstOracle(Device device, string variant, int tokens, int inFeatures, int outFeatures)
    {
        var inputs = Inputs.WithOutlierColumns(tokens, inFeatures, outFeatures, columns: 2, scale: 15f, seed: 31);
        var dy = Inputs.Normal(tokens * outFeatures, seed: 32);
        var (layer, options) = Create(variant, inFeatures, outFeatures);
        using (layer)
        {
            LayerRunner.Prepare(layer, inputs, device);
            float[] y = LayerRunner.Forward(layer, inputs);
            var forward = Fp4Reference.Forward(inputs.X, inputs.W, inputs.Bias, tokens, inFeatures, outFeatures, options);
            AssertWithin(y, forward.Y, forward.Magnitude, inFeatures, "y");

            var (dx, dw, db) = LayerRunner.ForwardBackward(layer, inputs, dy);
            var backward = Fp4Reference.Backward(dy, inputs.W, forward, tokens, inFeatures, outFeatures, options);
            AssertWithin(dx, backward.Dx, backward.DxMagnitude, outFeatures, "dX");
            double dge = options.Dge ? Tolerance.DgeFactor(options.DgeK, options.DgeClip) : 0;
            var dwReport = Tolerance.Check(dw, backward.Dw, i => Tolerance.Fp32Sum(tokens, backward.DwMagnitude[i]) + (dge * backward.DwMagnitude[i]));
            Assert.True(dwReport.Violations == 0, $"dW: {dwReport}");
            var dbMagnitude = Enumerable.Range(0, outFeatures).Select(o => Enumerable.Range(0, tokens).Sum(t => (double)Math.Abs(dy[(t * outFeatures) + o]))).ToArray();
            AssertWithin(db!, backward.Db, dbMagnitude, tokens, "db");
        }
    }

    [Fact]
    public void Dge_changes_the_weight_gradient_and_direct_cast_is_straight_through()
    {
        const int Tokens = 16, In = 64, Out = 8;
        var inputs = Inputs.WithOutlierColumns(Tokens, In, Out, columns: 0, scale: 1f, seed: 33);
        var dy = Inputs.Normal(Tokens * Out, seed: 34);
        using var dgeLayer = LayerRunner.Prepare(new Fp4Layer(In, Out), inputs, Device.Cpu());
        using var steLayer = LayerRunner.Prepare(new Fp4DirectCastLayer(In, Out), inputs, Device.Cpu());
        var (_, dgeGrad, _) = LayerRunner.ForwardBackward(dgeLayer, inputs, dy);
        var (_, steGrad, _) = LayerRunner.ForwardBackward(steLayer, inputs, dy);

        // Without clamping, dW(STE) = Gᵀ·Q(X) and dW(DGE) = that ⊙ f′: their ratio is f′(W·γ) wherever the product is not tiny.
        // (The DGE layer clamps, so compare only where f′ is far from 1 to show the correction is applied.)
        Assert.Contains(Enumerable.Range(0, dgeGrad.Length), i => Math.Abs(dgeGrad[i] - steGrad[i]) > 0.1 * Math.Abs(steGrad[i]) + 1e-3);
    }

    [Fact]
    public void Clamping_leaves_a_residual_of_about_two_percent_at_the_default_quantile()
    {
        const int Rows = 16, Cols = 1000;
        var x = Inputs.Normal(Rows * Cols, seed: 35);
        var codes = new sbyte[Rows * 1024];
        var gamma = new float[Rows];
        var residual = new float[Rows * Cols];
        Fp4RowsCpu.QuantizeRows(x, Rows, Cols, 0.99, false, codes, 1024, gamma, residual);
        for (int r = 0; r < Rows; r++)
        {
            var row = x.AsSpan(r * Cols, Cols);
            var (lo, hi) = Fp4Reference.ClampBounds(row, 0.99);
            int nonzero = 0;
            for (int j = 0; j < Cols; j++)
            {
                float expected = row[j] - Math.Clamp(row[j], lo, hi);
                Assert.Equal(expected, residual[(r * Cols) + j]);
                nonzero += expected != 0f ? 1 : 0;
            }

            // Sorted s: 10 values lie below s[10] and 9 above s[990] (distinct normal samples): 1.9 %, ≈ 2(1 − α).
            Assert.Equal(19, nonzero);
            Assert.Equal(E2M1.Scale(Math.Max(Math.Abs(lo), Math.Abs(hi)), false), gamma[r]);
        }
    }

    internal static (QuantLinear Layer, Fp4Options Options) Create(string variant, int inFeatures, int outFeatures) => variant switch
    {
        "default" => (new Fp4Layer(inFeatures, outFeatures), new Fp4Options()),
        "direct" => (new Fp4DirectCastLayer(inFeatures, outFeatures), new Fp4Options { Dge = false, Clamp = false }),
        _ => (new Fp4VariantLayer(inFeatures, outFeatures), new Fp4Options
        {
            PowerOfTwoScale = true, CompensateWithQuantizedWeight = true, OutputGradient = "Bf16", DgeK = 3, ClampQuantile = 0.97,
        }),
    };

    internal static void AssertWithin(float[] actual, double[] expected, double[] magnitude, int terms, string what)
    {
        var report = Tolerance.Check(actual, expected, i => Tolerance.Fp32Sum(terms, magnitude[i]));
        Assert.True(report.Violations == 0, $"{what}: {report}");
    }
}
