using QuantDsl.Generators.Helpers;

namespace QuantDsl.Generators.Emit;

/// <summary>
/// The per-call tile choice of the int8 GEMM core that every generated GPU forward makes: <c>Int8MmaGemm.ChooseTile</c>
/// (wgmma tiles where <c>GpuBackend.UseWarpgroupMma</c>), then the launch of the layer's entry point for that tile,
/// named <c>{Prefix}</c>, <c>{Prefix}Small</c>, <c>{Prefix}Hopper</c> or <c>{Prefix}HopperSmall</c>.
/// </summary>
internal static class GemmTileSwitch
{
    private const string KernelsNs = "global::QuantDsl.Kernels";

    /// <summary>Writes the choice and the launch at the body level of a forward method.</summary>
    /// <param name="writer">The method body's writer.</param>
    /// <param name="kernelPrefix">The entry points' common name, for example <c>Int8Gemm</c>.</param>
    /// <param name="arguments">The launch arguments after the config, for example <c>gemmOperands, operands</c>.</param>
    public static void Write(IndentedWriter writer, string kernelPrefix, string arguments) =>
        writer.Lines($$"""
                var gemmTile = {{KernelsNs}}.Gemm.Int8MmaGemm.ChooseTile(tokens, OutFeatures, gpu.UseWarpgroupMma);
                var gemmConfig = {{KernelsNs}}.Gemm.Int8MmaGemm.Config(gemmTile, tokens, OutFeatures);
                switch (gemmTile)
                {
                    case {{KernelsNs}}.Gemm.Int8MmaTile.WgmmaRows128Cols128:
                        gpu.Launch(Kernels.{{kernelPrefix}}Hopper, gemmConfig, {{arguments}});
                        break;
                    case {{KernelsNs}}.Gemm.Int8MmaTile.WgmmaRows64Cols128:
                        gpu.Launch(Kernels.{{kernelPrefix}}HopperSmall, gemmConfig, {{arguments}});
                        break;
                    case {{KernelsNs}}.Gemm.Int8MmaTile.Rows64Cols128:
                        gpu.Launch(Kernels.{{kernelPrefix}}Small, gemmConfig, {{arguments}});
                        break;
                    default:
                        gpu.Launch(Kernels.{{kernelPrefix}}, gemmConfig, {{arguments}});
                        break;
                }
            """);
}
