using QuantDsl.Kernels.Formats;
using QuantDsl.Kernels.Gemv;
using QuantDsl.Oracle;

namespace QuantDsl.Tests.Kernels;

/// <summary>
/// Random packed decode weights for the GEMV tests: the words a kernel reads, its row stride, and the real value of
/// each code for the oracle.
/// </summary>
/// <param name="Packed">Packed rows [outFeatures × Words].</param>
/// <param name="Words">Words per row.</param>
/// <param name="Value">The real value of weight (o, k).</param>
internal sealed record GemvWeights(int[] Packed, int Words, Func<int, int, double> Value)
{
    /// <summary>Int8 codes drawn uniformly from [<paramref name="lowest"/>, 127], packed as the int8 GEMM operands (rows of 32 codes).</summary>
    public static GemvWeights Int8(Random random, int outFeatures, int inFeatures, int lowest)
    {
        var codes = new sbyte[outFeatures * inFeatures];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (sbyte)random.Next(lowest, 128);
        }

        int words = Int8Format.RoundUp(inFeatures, 32) / 4;
        return new(MmaGemmTests.Pack(codes, outFeatures, inFeatures, words), words, (o, k) => codes[(o * inFeatures) + k]);
    }

    /// <summary>FP4 E2M1 codes drawn uniformly from 0..15, packed in GPU rows (<see cref="Fp4WeightPacking.GpuWordsPerRow"/>).</summary>
    public static GemvWeights Fp4(Random random, int outFeatures, int inFeatures)
    {
        var codes = new byte[outFeatures * inFeatures];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)random.Next(0, 16);
        }

        int words = Fp4WeightPacking.GpuWordsPerRow(inFeatures);
        return new(Fp4WeightPacking.Pack(codes, outFeatures, inFeatures, words), words, (o, k) => GemvReference.E2M1Values[codes[(o * inFeatures) + k]]);
    }
}
