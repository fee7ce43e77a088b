using ILGPU;
using QuantDsl.Kernels.Gemm;
using QuantDsl.Kernels.Gemv;

namespace QuantDsl.Runtime;

/// <summary>
/// One call of the int8 GEMM core as a generated forward launches it: the one-token GEMV (<see cref="IsGemv"/>), the skinny
/// tensor-core kernel for 2–16 tokens (<see cref="IsSkinny"/>) or the tile shape
/// (<see cref="Int8MmaGemm.ChooseTile"/>, wgmma where <see cref="GpuBackend.UseWarpgroupMma"/>), the K split
/// (<see cref="Int8MmaGemm.ChooseKSplits"/> unless <see cref="GpuBackend.GemmKSplits"/> forces one) with its workspace
/// from the layer's <see cref="LayerWorkspace"/>, the operands and the grid.
/// </summary>
public readonly struct Int8GemmPlan
{
    private Int8GemmPlan(Int8MmaTile tile, Int8MmaOperands operands, bool isGemv, bool isSkinny)
    {
        Tile = tile;
        Operands = operands;
        IsGemv = isGemv;
        IsSkinny = isSkinny;
        Config = isGemv ? Int8DotGemv.Config(operands.Cols)
            : isSkinny ? Int8MmaSkinny.Config(operands.Cols, operands.KSplits)
            : Int8MmaGemm.Config(tile, operands);
    }

    /// <summary>
    /// Whether the generated forward launches its one-token GEMV entry point (<see cref="Int8DotGemv"/>: the same int32
    /// sums, so the same bits) instead of a tile: one activation row and <see cref="GpuBackend.UseDecodeGemv"/>.
    /// </summary>
    public bool IsGemv { get; }

    /// <summary>
    /// Whether the generated forward launches its skinny entry point (<see cref="Int8MmaSkinny"/>: the weights as the mma's
    /// A operand, read once; the same int32 sums, so the same bits) instead of a tile: 2 to <see cref="Int8MmaSkinny.MaxRows"/>
    /// activation rows and <see cref="GpuBackend.UseDecodeGemv"/>.
    /// </summary>
    public bool IsSkinny { get; }

    /// <summary>The tile shape: the generated forward launches its entry point for this tile.</summary>
    public Int8MmaTile Tile { get; }

    /// <summary>The packed operands, with the K split's workspace when there is one.</summary>
    public Int8MmaOperands Operands { get; }

    /// <summary>The grid: one block per output tile, times the K split along Z.</summary>
    public KernelConfig Config { get; }

    /// <summary>Plans C = A·Bᵀ over packed codes A [rows × words] and B [cols × words] on the context's GPU.</summary>
    /// <param name="context">The layer call (its GPU and workspace).</param>
    /// <param name="a">Activation codes [rows × words].</param>
    /// <param name="b">Weight codes [cols × words].</param>
    /// <param name="rows">Output rows (tokens).</param>
    /// <param name="cols">Output columns (channels).</param>
    /// <param name="words">Words per operand row.</param>
    /// <returns>The plan to launch.</returns>
    public static Int8GemmPlan Create(QuantContext context, ArrayView<int> a, ArrayView<int> b, int rows, int cols, int words)
    {
        ArgumentNullException.ThrowIfNull(context);
        var gpu = context.Gpu;
        var tile = Int8MmaGemm.ChooseTile(rows, cols, gpu.UseWarpgroupMma);
        var operands = Int8MmaOperands.Create(a, b, rows, cols, words);
        if (gpu.UseDecodeGemv && Int8MmaSkinny.Supports(rows, words))
        {
            if (rows == 1)
            {
                return new Int8GemmPlan(tile, operands, isGemv: true, isSkinny: false);
            }

            // The skinny kernel keeps K whole unless GemmKSplits forces a split (no rule measured yet).
            int skinnySplits = Int8MmaSkinny.NormalizeKSplits(words, gpu.GemmKSplits ?? 1);
            if (skinnySplits > 1)
            {
                var sums = context.Workspace.DeviceKeptZero<int>(gpu, "gemm.split.sums", rows * cols);
                var tickets = context.Workspace.DeviceKeptZero<int>(gpu, "gemm.skinny.tickets", Int8MmaSkinny.Blocks(cols));
                operands = Int8MmaSkinny.WithKSplits(operands, skinnySplits, sums, tickets);
            }

            return new Int8GemmPlan(tile, operands, isGemv: false, isSkinny: true);
        }

        int splits = Int8MmaGemm.NormalizeKSplits(
            words, gpu.GemmKSplits ?? Int8MmaGemm.ChooseKSplits(tile, rows, cols, words, gpu.Accelerator.NumMultiprocessors));
        if (splits > 1)
        {
            var sums = context.Workspace.DeviceKeptZero<int>(gpu, "gemm.split.sums", rows * cols);
            var tickets = context.Workspace.DeviceKeptZero<int>(gpu, "gemm.split.tickets", Int8MmaGemm.Tiles(tile, rows, cols));
            operands = operands.WithKSplits(tile, splits, sums, tickets);
        }

        return new Int8GemmPlan(tile, operands, isGemv: false, isSkinny: false);
    }
}
