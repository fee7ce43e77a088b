using QuantDsl.Gpu.Checks;

namespace QuantDsl.Gpu;

/// <summary>
/// The checks, grouped by shape so that each shape's oracle results are computed once and shared:
/// error messages; the main shape (forward, backward, quality, non-finite values); then the odd shapes.
/// </summary>
public static class Suite
{
    /// <summary>Every check of the full suite (<paramref name="quick"/> false) or of the small-shape suite.</summary>
    public static IReadOnlyList<Check> Create(bool quick)
    {
        var errors = new Shape(8, 64, 40);
        // Quick: ILGPU's CPU accelerator pays per group and barrier (one group per token row to quantize), so few tokens.
        var main = quick ? new Shape(64, 128, 128) : new Shape(4096, 4096, 4096);

        // Odd shapes: a single token; nothing a multiple of 4, 32 or 64; a wide, short MLP projection.
        var oneToken = quick ? new Shape(1, 128, 128) : new Shape(1, 4096, 4096);
        var odd = quick ? new Shape(67, 129, 33) : new Shape(4095, 4097, 1025);
        var wide = quick ? new Shape(16, 344, 128) : new Shape(16, 11008, 4096);
        // A decode batch on the skinny kernel with one token tile and a half (9 tokens), odd K and N.
        var decode = quick ? new Shape(9, 130, 33) : new Shape(9, 4097, 1025);

        var checks = new List<Check>();
        checks.AddRange(ErrorMessageChecks.Create(errors));
        checks.AddRange(LayerPolicy.All.Select(policy => ForwardCheck.Create(policy, main)));
        checks.AddRange(LayerPolicy.All.Select(policy => BackwardCheck.Create(policy, main)));
        checks.Add(QualityCheck.Create(main));
        checks.AddRange(LayerPolicy.All.Select(policy => NonFiniteCheck.Create(policy, main)));
        checks.AddRange(LayerPolicy.All.Select(policy => ForwardCheck.Create(policy, oneToken)));
        checks.AddRange(LayerPolicy.All.Select(policy => ForwardCheck.Create(policy, odd)));
        checks.AddRange(LayerPolicy.All.Select(policy => BackwardCheck.Create(policy, odd)));
        checks.AddRange(LayerPolicy.All.Select(policy => ForwardCheck.Create(policy, wide)));
        checks.AddRange(LayerPolicy.All.Select(policy => ForwardCheck.Create(policy, decode)));
        checks.AddRange(KernelChecks(quick));

        // [Fp4Train]: the scalar FP4 oracle is O(T·K·N) per pass, so real-size but not 4096³ shapes.
        var fp4Main = quick ? new Shape(32, 96, 64) : new Shape(1024, 1024, 1024);
        var fp4Odd = quick ? new Shape(17, 130, 33) : new Shape(1000, 1030, 520);
        var fp4Mlp = quick ? new Shape(8, 64, 256) : new Shape(256, 1024, 4096);
        var fp4Decode = quick ? new Shape(5, 72, 17) : new Shape(5, 1030, 520);
        foreach (var shape in new[] { fp4Main, fp4Odd, fp4Mlp, fp4Decode })
        {
            checks.AddRange(Fp4Check.Variants.Select(variant => Fp4Check.Create(variant, shape)));
        }

        return checks;
    }

    /// <summary>
    /// Library kernels on their own: the tensor-core int8 GEMM (M × K × N) and the decode GEMVs (tokens × in × out) on
    /// CUDA cores and on tensor cores.
    /// </summary>
    private static IEnumerable<Check> KernelChecks(bool quick)
    {
        var mmaShapes = quick
            ? new[] { new Shape(64, 64, 64), new Shape(33, 96, 17), new Shape(1, 72, 40), new Shape(70, 200, 130), new Shape(9, 264, 37) }
            : [new Shape(4096, 4096, 4096), new Shape(8192, 8192, 8192), new Shape(4095, 1056, 4097), new Shape(1, 4096, 4096), new Shape(257, 1000, 383), new Shape(16, 4096, 4096), new Shape(9, 11008, 4096), new Shape(5, 4096, 11001)];
        var gemvShapes = quick
            ? new[] { new Shape(1, 72, 40), new Shape(16, 64, 17) }
            : [new Shape(1, 8192, 8192), new Shape(1, 4096, 11008), new Shape(1, 11008, 4096), new Shape(1, 4096, 4096), new Shape(4, 4096, 11008), new Shape(16, 4096, 11008)];
        var skinnyShapes = quick
            ? new[] { new Shape(1, 72, 40), new Shape(16, 200, 70) }
            : [new Shape(1, 8192, 8192), new Shape(4, 4096, 11008), new Shape(8, 4096, 11008), new Shape(16, 4096, 11008)];
        var streamingShapes = quick
            ? new[] { new Shape(1, 72, 40), new Shape(1, 100, 33) }
            : [new Shape(1, 8192, 8192), new Shape(1, 4096, 11008), new Shape(1, 11008, 4096), new Shape(1, 4096, 4096)];
        var streaming = from shape in streamingShapes
                        from channels in new[] { 1, 2, 4 }
                        select GemvCheck.CreateStreaming(shape, channels);
        var routedShapes = quick
            ? new[] { new Shape(1, 72, 40), new Shape(4, 72, 40) }
            : [new Shape(1, 8192, 8192), new Shape(1, 4096, 4096), new Shape(4, 4096, 11008), new Shape(16, 4096, 11008)];
        var routed = from shape in routedShapes
                     from fp4 in new[] { false, true }
                     select GemvCheck.CreateRouted(shape, fp4);
        return mmaShapes.Select(MmaGemmCheck.Create)
            .Concat(gemvShapes.Select(shape => GemvCheck.Create(shape, fp4: false)))
            .Concat(gemvShapes.Select(shape => GemvCheck.Create(shape, fp4: true)))
            .Concat(skinnyShapes.Select(shape => GemvCheck.Create(shape, fp4: false, tensorCores: true)))
            .Concat(skinnyShapes.Select(shape => GemvCheck.Create(shape, fp4: true, tensorCores: true)))
            .Concat(streaming)
            .Concat(routed);
    }
}
