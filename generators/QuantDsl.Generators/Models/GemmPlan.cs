namespace QuantDsl.Generators.Models;

/// <summary>
/// How a layer's quantized GEMM is specialized. The main loop is the seam for the tensor-core path:
/// <c>Simt</c> (dp4a on CUDA cores) today, <c>MmaSync</c> (int8 <c>mma.sync.m16n8k32</c>) next, both
/// feeding the same epilogue.
/// </summary>
/// <param name="MainLoop">Which main loop the entry point composes.</param>
/// <param name="TileWords">K depth of one shared-memory stage, in 32-bit words of four int8 codes.</param>
/// <param name="CpuKMultiple">Row padding of CPU int8 codes (one Vector512 of bytes).</param>
internal sealed record GemmPlan(string MainLoop, int TileWords, int CpuKMultiple)
{
    public static GemmPlan Default { get; } = new("Simt", TileWords: 8, CpuKMultiple: 64);

    /// <summary>K multiple of the GPU codes: a whole number of stages.</summary>
    public int GpuKMultiple => TileWords * 4;
}
