namespace QuantDsl.Kernels.Gemm;

/// <summary>The block tile shapes of <see cref="Int8MmaGemm"/> (output rows × columns per block).</summary>
public enum Int8MmaTile
{
    /// <summary>128 × 128: 8 warps of 64 × 32, K staged 64 codes at a time, 3 stages.</summary>
    Rows128Cols128,

    /// <summary>64 × 128: 4 warps of 32 × 64, K staged 64 codes at a time, 4 stages (few rows, small outputs).</summary>
    Rows64Cols128,

    /// <summary>128 × 128 on Hopper's warpgroup MMA (<c>wgmma</c>, sm_90): 2 warpgroups of 64 × 128, 3 stages.</summary>
    WgmmaRows128Cols128,

    /// <summary>64 × 128 on Hopper's warpgroup MMA (<c>wgmma</c>, sm_90): 1 warpgroup, 4 stages.</summary>
    WgmmaRows64Cols128,

    /// <summary>
    /// 128 × 256 on Hopper's warpgroup MMA: 2 warpgroups of 64 × 256 (m64n256k32), 6 stages in 144 KB of dynamic shared
    /// memory (one block per SM).
    /// </summary>
    WgmmaRows128Cols256,
}
