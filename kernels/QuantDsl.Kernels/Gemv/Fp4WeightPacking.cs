namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// Host-side packing of FP4 (E2M1) weight codes for <see cref="Fp4Gemv"/>: eight 4-bit codes per int word, two per
/// byte with the low nibble holding the even k (ALGORITHMS.md §1.1), so nibble j of word w is k = 8w + j. Rows are
/// padded with code 0 (+0) to whole words.
/// </summary>
public static class Fp4WeightPacking
{
    /// <summary>Words per packed row of <paramref name="inFeatures"/> codes.</summary>
    public static int WordsPerRow(int inFeatures) => (inFeatures + Fp4Gemv.CodesPerWord - 1) / Fp4Gemv.CodesPerWord;

    /// <summary>Packs [outFeatures × inFeatures] codes (each 0..15) into [outFeatures × WordsPerRow] words.</summary>
    /// <exception cref="ArgumentException">The code count is not outFeatures × inFeatures, or a code exceeds 15.</exception>
    public static int[] Pack(ReadOnlySpan<byte> codes, int outFeatures, int inFeatures)
    {
        if (codes.Length != (long)outFeatures * inFeatures)
        {
            throw new ArgumentException($"Expected {outFeatures} × {inFeatures} = {(long)outFeatures * inFeatures} codes, got {codes.Length}.", nameof(codes));
        }

        int words = WordsPerRow(inFeatures);
        var packed = new int[outFeatures * words];
        for (int o = 0; o < outFeatures; o++)
        {
            for (int k = 0; k < inFeatures; k++)
            {
                int code = codes[(o * inFeatures) + k];
                if (code > 15)
                {
                    throw new ArgumentException($"Code {code} at ({o}, {k}) is not a 4-bit code.", nameof(codes));
                }

                packed[(o * words) + (k / 8)] |= code << (4 * (k % 8));
            }
        }

        return packed;
    }
}
