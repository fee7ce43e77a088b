using QuantDsl.Oracle;
using QuantDsl.Tests.Layers;

namespace QuantDsl.Tests.Backends;

/// <summary>
/// The point of LLM.int8: with systematic outlier features (here 6 columns at 20× scale), per-token int8
/// spends its 255 levels on the outliers and loses the rest, while the decomposition keeps int8 for the
/// regular columns at their own scale and stays close to fp32.
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class OutlierQualityTests(DeviceFixture devices)
{
    [Theory]
    [InlineData(Backend.Simd, 128, 512, 256)]
    [InlineData(Backend.IlgpuCpu, 64, 128, 64)]
    public void LlmInt8_stays_close_to_fp32_where_vector_wise_int8_does_not(Backend backend, int tokens, int inFeatures, int outFeatures)
    {
        var inputs = Inputs.WithOutlierColumns(tokens, inFeatures, outFeatures, columns: 6, scale: 20f, seed: 31);
        var device = devices.Get(backend);
        using var llmInt8 = LayerRunner.Prepare(new OutlierLayer(inFeatures, outFeatures), inputs, device);
        using var vectorWise = LayerRunner.Prepare(new VectorWiseLayer(inFeatures, outFeatures), inputs, device);
        var fp32 = FullPrecision.Forward(inputs.X, inputs.W, inputs.Bias, tokens, inFeatures, outFeatures);

        double llmInt8Error = Metrics.RelativeError<float>(LayerRunner.Forward(llmInt8, inputs), fp32);
        double vectorWiseError = Metrics.RelativeError<float>(LayerRunner.Forward(vectorWise, inputs), fp32);

        // Regular columns quantized at their own absmax (~4σ) have an int8 step of ~4/127 σ: a relative
        // output error near 1%. With the outliers in the absmax (~20·4σ) the step is 20× coarser.
        Assert.True(llmInt8Error < 0.02, $"LLM.int8 relative error {llmInt8Error:P2} should stay under 2%.");
        Assert.True(vectorWiseError > 5 * llmInt8Error, $"vector-wise int8 {vectorWiseError:P2} should be far worse than LLM.int8 {llmInt8Error:P2}.");
    }
}
