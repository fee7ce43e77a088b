using QuantDsl.Generators.Helpers;

namespace QuantDsl.Generators.Emit;

/// <summary>
/// The per-call plan of the int8 GEMM core that every generated GPU forward makes (<c>Int8GemmPlan.Create</c>: the
/// one-token GEMV, the 2–16-token skinny kernel, or a tile — wgmma where <c>GpuBackend.UseWarpgroupMma</c> — with the K
/// split for small grids), then the launch of the layer's entry point for it, named <c>{Prefix}Gemv</c>,
/// <c>{Prefix}Skinny</c>, <c>{Prefix}</c>, <c>{Prefix}Small</c>, <c>{Prefix}Hopper</c> or <c>{Prefix}HopperSmall</c>, over the
/// activation codes <c>codes</c> and the weight codes <c>weightCodes</c> of the forward.
/// </summary>
internal static class GemmTileSwitch
{
    private const string KernelsNs = "global::QuantDsl.Kernels";

    /// <summary>
    /// Declares <c>gemm</c>, the call's plan, at the body level of a forward method (before the activation pass, which may
    /// depend on it).
    /// </summary>
    /// <param name="writer">The method body's writer.</param>
    public static void WritePlan(IndentedWriter writer) =>
        writer.Lines("""
                var gemm = global::QuantDsl.Runtime.Int8GemmPlan.Create(context, codes, weightCodes, tokens, OutFeatures, words);
            """);

    /// <summary>Writes the launch for the plan <c>gemm</c> (<see cref="WritePlan"/>) at the body level of a forward method.</summary>
    /// <param name="writer">The method body's writer.</param>
    /// <param name="kernelPrefix">The entry points' common name, for example <c>Int8Gemm</c>.</param>
    /// <param name="epilogue">The epilogue argument after the GEMM operands, for example <c>operands</c>.</param>
    public static void Write(IndentedWriter writer, string kernelPrefix, string epilogue)
    {
        string arguments = $"gemm.Config, gemm.Operands, {epilogue}";
        writer.Lines($$"""
                if (gemm.IsGemv)
                {
                    gpu.Launch(Kernels.{{kernelPrefix}}Gemv, {{arguments}});
                }
                else if (gemm.IsSkinny)
                {
                    gpu.Launch(Kernels.{{kernelPrefix}}Skinny, {{arguments}});
                }
                else
                {
                    switch (gemm.Tile)
                    {
                        case {{KernelsNs}}.Gemm.Int8MmaTile.WgmmaRows128Cols128:
                            gpu.Launch(Kernels.{{kernelPrefix}}Hopper, {{arguments}});
                            break;
                        case {{KernelsNs}}.Gemm.Int8MmaTile.WgmmaRows64Cols128:
                            gpu.Launch(Kernels.{{kernelPrefix}}HopperSmall, {{arguments}});
                            break;
                        case {{KernelsNs}}.Gemm.Int8MmaTile.Rows64Cols128:
                            gpu.Launch(Kernels.{{kernelPrefix}}Small, {{arguments}});
                            break;
                        default:
                            gpu.Launch(Kernels.{{kernelPrefix}}, {{arguments}});
                            break;
                    }
                }
            """);
    }
}
