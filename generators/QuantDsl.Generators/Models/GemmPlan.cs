namespace QuantDsl.Generators.Models;

/// <summary>
/// How a layer's quantized GEMM is specialized. The main loop: <c>Mma</c> (the library's int8 <c>mma.sync.m16n8k32</c>
/// kernels, whose 128 × 128 or 64 × 128 tile is picked per call from M and N by <c>Int8MmaGemm.ChooseTile</c>) or
/// <c>Simt</c> (dp4a on CUDA cores); both feed the same <c>IInt8TileEpilogue</c>.
/// </summary>
/// <param name="MainLoop">Which main loop the entry point composes.</param>
/// <param name="TileWords">K depth of one shared-memory stage, in 32-bit words of four int8 codes.</param>
/// <param name="CpuKMultiple">Row padding of CPU int8 codes (one Vector512 of bytes).</param>
internal sealed record GemmPlan(string MainLoop, int TileWords, int CpuKMultiple)
{
    public static GemmPlan Default { get; } = new("Mma", TileWords: 8, CpuKMultiple: 64);

    /// <summary>K multiple of the GPU codes: a whole number of stages.</summary>
    public int GpuKMultiple => TileWords * 4;
}
