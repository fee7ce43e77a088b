using ILGPU;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// The prologue of <see cref="SkinnyMmaGemm{TWeights}"/>: splits fp32 activations [tokens × inFeatures] into TF32
/// high and low parts (<see cref="SplitPair"/>: high + low keeps about 22 of fp32's 24 bits, and both products with an
/// exact weight are exact, so the GEMM stays within float32 summation accuracy), written in the GEMM's fragment order:
/// [token tile (8 tokens)][K block][mma step][lane], the pair of lane (g, t) at step s of block b holding token
/// 8·tile + g at k = b·4·codes + codes·t + 2s (codes per weight vector). So each warp's activation load per step is
/// 512 contiguous bytes (four cache lines) instead of 32 scattered 16-byte pieces. Tokens past the count and k past K
/// are zero, so the GEMM needs no bounds checks. A non-finite activation keeps its value in the high part (low 0), so
/// infinities are not turned into NaN by the split.
/// </summary>
public static class SkinnyActivations
{
    /// <summary>Threads per block.</summary>
    public const int Threads = 256;

    /// <summary>Token tiles of 8: 1 up to 8 tokens, else 2.</summary>
    public static int Tiles(int tokens) => tokens <= 8 ? 1 : 2;

    /// <summary>K blocks (four 16-byte vectors) of weight rows of <paramref name="words"/> words.</summary>
    public static int Blocks(int words) => ((words >> 2) + 3) / 4;

    /// <summary>Pairs per token tile: blocks × codes/2 steps × 32 lanes.</summary>
    public static long TilePairs(int words, int codesPerVector) => (long)Blocks(words) * (codesPerVector / 2) * 32;

    /// <summary>Elements of <see cref="SplitPair"/> the split buffer needs.</summary>
    public static long Pairs(int tokens, int words, int codesPerVector) => Tiles(tokens) * TilePairs(words, codesPerVector);

    /// <summary>One thread per pair of the split buffer.</summary>
    public static KernelConfig Config(long pairs) => new((int)((pairs + Threads - 1) / Threads), Threads);

    /// <summary>Writes the split buffer (see the type summary).</summary>
    /// <param name="x">Activations [tokens × inFeatures].</param>
    /// <param name="split">Output, <see cref="Pairs"/> elements.</param>
    /// <param name="tokens">Tokens in <paramref name="x"/>.</param>
    /// <param name="inFeatures">K.</param>
    /// <param name="codesPerVector">Codes per 16-byte weight vector of the GEMM's format (16 int8, 32 FP4).</param>
    /// <param name="tilePairs">Pairs per token tile (<see cref="TilePairs"/>).</param>
    /// <param name="pairs">Elements of <paramref name="split"/>.</param>
    public static void Kernel(ArrayView<float> x, ArrayView<SplitPair> split, int tokens, int inFeatures, int codesPerVector, long tilePairs, long pairs)
    {
        long index = ((long)Grid.IdxX * Group.DimX) + Group.IdxX;
        if (index >= pairs)
        {
            return;
        }

        int steps = codesPerVector >> 1;
        int tile = (int)(index / tilePairs);
        long inTile = index - (tile * tilePairs);
        long block = inTile / (steps * 32);
        int inBlock = (int)(inTile - (block * steps * 32));
        int step = inBlock >> 5;
        int lane = inBlock & 31;
        int token = (8 * tile) + (lane >> 2);
        long k = (block * 4 * codesPerVector) + ((lane & 3) * codesPerVector) + (2 * step);
        long source = ((long)token * inFeatures) + k;
        float even = token < tokens && k < inFeatures ? x[source] : 0f;
        float odd = token < tokens && k + 1 < inFeatures ? x[source + 1] : 0f;
        float evenHigh = Tf32Mma.Round(even);
        float oddHigh = Tf32Mma.Round(odd);
        split[index] = new SplitPair
        {
            High0 = evenHigh,
            Low0 = IsFinite(evenHigh) ? Tf32Mma.Round(even - evenHigh) : 0f,
            High1 = oddHigh,
            Low1 = IsFinite(oddHigh) ? Tf32Mma.Round(odd - oddHigh) : 0f,
        };
    }

    private static bool IsFinite(float value) => (Interop.FloatAsInt(value) & 0x7F800000u) != 0x7F800000u;
}
