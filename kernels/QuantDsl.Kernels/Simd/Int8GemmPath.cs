namespace QuantDsl.Kernels.Simd;

/// <summary>Which inner loop the packed CPU int8 GEMM runs (chosen from the machine unless a test forces one).</summary>
internal enum Int8GemmPath
{
    /// <summary>Pick the fastest the machine supports.</summary>
    Auto,

    /// <summary>AVX-VNNI vpdpbusd on 256-bit vectors.</summary>
    Vnni,

    /// <summary>AVX2 vpmaddubsw + vpmaddwd with the sign-transfer trick.</summary>
    Avx2,

    /// <summary>Plain scalar loops.</summary>
    Scalar,
}
