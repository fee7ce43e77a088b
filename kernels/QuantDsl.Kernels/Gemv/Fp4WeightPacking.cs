namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// Host-side packing of FP4 (E2M1) weight codes for <see cref="Fp4Gemv"/>: eight 4-bit codes per int word, two per
/// byte with the low nibble holding the even k (ALGORITHMS.md §1.1), so nibble j of word w is k = 8w + j. Rows are
/// padded with code 0 (+0) to whole words (<see cref="WordsPerRow"/>, the CPU GEMV's layout) or to whole 16-byte
/// vectors (<see cref="GpuWordsPerRow"/>, what <see cref="Fp4Gemv"/> loads per lane).
/// </summary>
public static class Fp4WeightPacking
{
    /// <summary>Words per packed row of <paramref name="inFeatures"/> codes.</summary>
    public static int WordsPerRow(int inFeatures) => (inFeatures + Fp4Gemv.CodesPerWord - 1) / Fp4Gemv.CodesPerWord;

    /// <summary>Words per row padded to whole 16-byte vectors (a multiple of 4), the stride <see cref="Fp4Gemv"/> needs.</summary>
    public static int GpuWordsPerRow(int inFeatures) => (WordsPerRow(inFeatures) + 3) / 4 * 4;

    /// <summary>Packs [outFeatures × inFeatures] codes (each 0..15) into [outFeatures × WordsPerRow] words.</summary>
    /// <exception cref="ArgumentException">The code count is not outFeatures × inFeatures, or a code exceeds 15.</exception>
    public static int[] Pack(ReadOnlySpan<byte> codes, int outFeatures, int inFeatures) =>
        Pack(codes, outFeatures, inFeatures, WordsPerRow(inFeatures));

    /// <summary>Packs [outFeatures × inFeatures] codes (each 0..15) into [outFeatures × words] words, zero-padded.</summary>
    /// <exception cref="ArgumentException">
    /// The code count is not outFeatures × inFeatures, a code exceeds 15, or <paramref name="words"/> is below
    /// <see cref="WordsPerRow"/>.
    /// </exception>
    public static int[] Pack(ReadOnlySpan<byte> codes, int outFeatures, int inFeatures, int words)
    {
        if (words < WordsPerRow(inFeatures))
        {
            throw new ArgumentException($"{words} words per row cannot hold {inFeatures} codes.", nameof(words));
        }

        if (codes.Length != (long)outFeatures * inFeatures)
        {
            throw new ArgumentException($"Expected {outFeatures} × {inFeatures} = {(long)outFeatures * inFeatures} codes, got {codes.Length}.", nameof(codes));
        }

        var packed = new int[(long)outFeatures * words];
        for (int o = 0; o < outFeatures; o++)
        {
            for (int k = 0; k < inFeatures; k++)
            {
                int code = codes[(int)(((long)o * inFeatures) + k)];
                if (code > 15)
                {
                    throw new ArgumentException($"Code {code} at ({o}, {k}) is not a 4-bit code.", nameof(codes));
                }

                packed[((long)o * words) + (k / 8)] |= code << (4 * (k % 8));
            }
        }

        return packed;
    }
}
