using ILGPU;

namespace QuantDsl.Runtime;

/// <summary>The shape checks every decode product makes before it launches (<see cref="DeviceDecodeGemv"/>, <see cref="DeviceSkinnyGemm"/>).</summary>
internal static class DecodeShapes
{
    /// <summary>Throws unless every view holds its shape and the weight rows cover K (the message names both).</summary>
    /// <exception cref="ArgumentException">A view is shorter than its shape, or the rows do not cover K.</exception>
    public static void Require(
        int codesPerVector, ArrayView<float> x, ArrayView<int> weights, ArrayView<float> scales, ArrayView<float>? bias, ArrayView<float> y,
        int tokens, int inFeatures, int outFeatures, int words)
    {
        Require(x.Length, (long)tokens * inFeatures, $"activations [{tokens} × {inFeatures}]");
        Require(weights.Length, (long)outFeatures * words, $"weights [{outFeatures} × {words} words]");
        Require(scales.Length, outFeatures, $"scales [{outFeatures}]");
        Require(y.Length, (long)tokens * outFeatures, $"output [{tokens} × {outFeatures}]");
        if (bias is { } b)
        {
            Require(b.Length, outFeatures, $"bias [{outFeatures}]");
        }

        if (outFeatures < 1 || words < 4 || words % 4 != 0)
        {
            throw new ArgumentException($"Need at least one output channel ({outFeatures}) and rows of whole 16-byte vectors (words a positive multiple of 4, here {words}).", nameof(words));
        }

        if ((long)words * (codesPerVector / 4) < inFeatures)
        {
            throw new ArgumentException($"Weight rows of {words} words hold {words * (codesPerVector / 4)} codes, fewer than K = {inFeatures}.", nameof(words));
        }
    }

    private static void Require(long length, long needed, string what)
    {
        if (length < needed)
        {
            throw new ArgumentException($"The {what} need {needed} elements; the view has {length}.");
        }
    }
}
