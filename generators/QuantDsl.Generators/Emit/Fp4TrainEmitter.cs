using QuantDsl.Generators.Helpers;
using QuantDsl.Generators.Models;

namespace QuantDsl.Generators.Emit;

/// <summary>
/// Writes an [Fp4Train] layer: the SIMD CPU plan (OCC + E2M1 quantization, the exact FP4 GEMM on the int8 GEMM
/// core with a dequantizing epilogue, the compensation term) and its backward (E5M2 output gradient, dX against
/// Q(W), dW with the DGE correction). Policy constants are baked into the nested Kernels class.
/// </summary>
internal static class Fp4TrainEmitter
{
    private const string Gc = GeneratorInfo.GeneratedCodeAttribute;
    private const string Ctx = "global::QuantDsl.Runtime.QuantContext";
    private const string Tensor = "global::QuantDsl.Tensor";
    private const string KernelsNs = "global::QuantDsl.Kernels";
    private const string Rows = "global::QuantDsl.Kernels.Simd.Fp4RowsCpu";
    private const string Weights = "global::QuantDsl.Runtime.Fp4Weights";

    public static string Emit(LayerSource layer)
    {
        var policy = (Fp4TrainPolicy)layer.Policy;
        string clamp = policy.Clamp
            ? $"clamp each token to its {Literals.Number(1f - policy.ClampQuantile, 4)} / {Literals.Number(policy.ClampQuantile)} quantiles (OCC), ΔX = X − Xc"
            : "no clamping (direct cast), Xc = X";
        string residual = !policy.AddsResidual ? string.Empty
            : policy.CompensateWithQuantizedWeight ? " + ΔX·Q(W)ᵀ" : " + ΔX·Wᵀ (fp32)";
        string gradient = policy.GradientFormat switch
        {
            "Bf16" => "bf16(dY)",
            "Fp32" => "dY (fp32)",
            _ => "e5m2(dY) (per-tensor power-of-two scale)",
        };
        string dge = policy.Dge
            ? $"⊙ f′(W·γw) (DGE, k = {policy.DgeK}, clip {Literals.Number(policy.DgeClip)})"
            : "(straight-through)";
        string[] summary =
        [
            "FP4 training (shared/spec/ALGORITHMS.md §1), specialized for this layer:",
            $"  forward:  {clamp};",
            $"            Q(v) = ladder(v·γ)/γ, γ = {(policy.PowerOfTwoScale ? "pow2⌊6/absmax⌋" : "6/absmax")} per token of Xc and per output channel of W;",
            $"            y = (2γx·Q(Xc))·(2γw·Q(W))ᵀ (exact int32) · 0.25/(γx[t]·γw[o]){residual} + b",
            $"  backward: G = {gradient};  dX = G·Q(W);",
            $"            dW += (Gᵀ·Q(Xc)) {dge}{(policy.AddsResidual ? " + Gᵀ·ΔX" : string.Empty)};  db += Σ_t dY",
            "  GPU: ILGPU kernels (exact OCC quantiles per token, tensor-core mma.sync int8 GEMM core with the FP4 epilogue,",
            "       the compensation from each token's clamped entries only, tiled fp32 GEMMs for the backward);",
            "  CPU: E2M1 quantize + packed int8 GEMM micro-kernel with CpuEpilogue; fp32 GEMMs for the backward.",
        ];

        return LayerEmitter.Emit(layer, summary, writer =>
        {
            writer.Lines($$"""

                /// <inheritdoc/>
                {{Gc}}
                protected override int MaxInFeatures => {{KernelsNs}}.Formats.E2M1.MaxExactReduction;

                """);
            WriteForwardGpu(writer, policy);
            WriteForwardCpu(writer, policy);
            WriteBackwardGpu(writer, policy);
            WriteBackwardCpu(writer, policy);
            WriteCpuEpilogue(writer);
            WriteKernels(writer, layer, policy);
        });
    }

    private static void WriteForwardGpu(IndentedWriter writer, Fp4TrainPolicy policy)
    {
        writer.Lines($$"""
            /// <summary>
            /// GPU forward, launches queued in order on the device's stream:
            /// 1. per token: {{(policy.Clamp ? "exact quantiles, clamp, residual ΔX, " : string.Empty)}}γ and doubled E2M1 codes packed four to a word;
            /// 2. the int8 GEMM core (tensor-core mma.sync, exact int32) with the FP4 epilogue (scales and bias){{(policy.AddsResidual ? ";\n/// 3. the compensation ΔX·" + (policy.CompensateWithQuantizedWeight ? "Q(W)" : "W") + "ᵀ from the clamped entries only: each token's nonzero ΔX compacted in column order, then one thread per output" : string.Empty)}}.
            /// </summary>
            {{Gc}}
            private void ForwardGpu({{Ctx}} context, {{Tensor}} x, {{Tensor}} y)
            {
                var gpu = context.Gpu;
                int tokens = x.Shape[0];
                int words = global::QuantDsl.Runtime.Int8Weights.PaddedLength(InFeatures, Kernels.KMultiple) / 4;
                var (weightCodes, weightGamma) = {{Weights}}.OnGpu(context, Weight.Value, OutFeatures, InFeatures, words, Kernels.PowerOfTwoScale);
                var codes = context.Workspace.Device<int>(gpu, "x.codes", tokens * words);
                var gamma = context.Workspace.Device<float>(gpu, "x.gamma", tokens);
                // NaN/±∞ in x, counted by the quantizer and reported as gpu.NonFiniteChecks says (by default at the device's next
                // synchronization, so the forward queues its kernels without waiting).
                var nonFinite = context.BeginNonFiniteCheck("input x", x);
            """);
        if (policy.Clamp)
        {
            writer.Lines($$"""
                    var residual = context.Workspace.Device<float>(gpu, "x.residual", tokens * InFeatures);
                    int lower = {{KernelsNs}}.Formats.OutlierClamp.LowerIndex(Kernels.ClampQuantile, InFeatures);
                    int upper = {{KernelsNs}}.Formats.OutlierClamp.UpperIndex(Kernels.ClampQuantile, InFeatures);
                    gpu.Launch({{KernelsNs}}.Gpu.Fp4Kernels.QuantizeRows, {{KernelsNs}}.Gpu.Fp4Kernels.RowConfig(tokens), x.View, InFeatures, words, lower, upper, Kernels.PowerOfTwoScale ? 1 : 0, codes, gamma, residual, nonFinite.Counter);
                """);
        }
        else
        {
            writer.Line($"        gpu.Launch({KernelsNs}.Gpu.Fp4Kernels.QuantizeRows, {KernelsNs}.Gpu.Fp4Kernels.RowConfig(tokens), x.View, InFeatures, words, -1, -1, Kernels.PowerOfTwoScale ? 1 : 0, codes, gamma, default(global::ILGPU.ArrayView<float>), nonFinite.Counter);");
        }

        writer.Lines($$"""
                    var epilogue = new {{KernelsNs}}.Epilogues.Fp4TileEpilogue
                    {
                        RowGamma = gamma,
                        ColGamma = weightGamma,
                        Bias = Bias?.Value.View ?? default,
                        HasBias = Bias is null ? 0 : 1,
                        Y = y.View,
                        Cols = OutFeatures,
                    };
                """);
        GemmTileSwitch.WritePlan(writer);
        GemmTileSwitch.Write(writer, "Fp4Gemm", "epilogue");
        if (policy.AddsResidual)
        {
            writer.Lines($$"""
                    int clampedCapacity = {{KernelsNs}}.Formats.OutlierClamp.MaxClamped(Kernels.ClampQuantile, InFeatures);
                    var clampedColumns = context.Workspace.Device<int>(gpu, "x.clamped.columns", tokens * clampedCapacity);
                    var clampedValues = context.Workspace.Device<float>(gpu, "x.clamped.values", tokens * clampedCapacity);
                    var clampedCounts = context.Workspace.Device<int>(gpu, "x.clamped.counts", tokens);
                    gpu.Launch({{KernelsNs}}.Gpu.Fp4Kernels.CompactResidualRows, {{KernelsNs}}.Gpu.Fp4Kernels.RowConfig(tokens), residual, InFeatures, clampedCapacity, clampedColumns, clampedValues, clampedCounts);
                    var weightTransposed = {{Weights}}.TransposedOnGpu(context, Weight.Value, OutFeatures, InFeatures, words, Kernels.PowerOfTwoScale, quantized: Kernels.CompensateWithQuantizedWeight);
                    gpu.Launch({{KernelsNs}}.Gpu.Fp4Kernels.AddSparseCompensation, {{KernelsNs}}.Gpu.Fp4Kernels.ElementConfig((long)tokens * OutFeatures), clampedColumns, clampedValues, clampedCounts, clampedCapacity, weightTransposed, tokens, OutFeatures, y.View);
                """);
        }

        writer.Lines("""
                context.EndNonFiniteCheck(nonFinite);
            }

            """);
    }

    private static void WriteBackwardGpu(IndentedWriter writer, Fp4TrainPolicy policy)
    {
        writer.Lines($$"""
            /// <summary>
            /// GPU backward: G = the output gradient in {{policy.GradientFormat}}; dX = G·Q(W); dW += (Gᵀ·Q(Xc)){{(policy.Dge ? " ⊙ f′(W·γw)" : string.Empty)}}{{(policy.AddsResidual ? " + Gᵀ·ΔX" : string.Empty)}};
            /// db += Σ_t dY. Tiled fp32 GEMMs (split along K by DeviceGemm when the output has few tiles, as dW does) and element-wise passes.
            /// </summary>
            {{Gc}}
            private void BackwardGpu({{Ctx}} context, {{Tensor}} dy, {{Tensor}} dx)
            {
                var gpu = context.Gpu;
                var x = SavedInput;
                int tokens = x.Shape[0];
                int words = global::QuantDsl.Runtime.Int8Weights.PaddedLength(InFeatures, Kernels.KMultiple) / 4;
                var (_, weightGamma) = {{Weights}}.OnGpu(context, Weight.Value, OutFeatures, InFeatures, words, Kernels.PowerOfTwoScale);
                int length = tokens * OutFeatures;
            """);
        switch (policy.GradientFormat)
        {
            case "Fp32":
                writer.Line("        var g = dy.View;");
                break;
            case "Bf16":
                writer.Lines($$"""
                        var g = context.Workspace.Device<float>(gpu, "dy.rounded", length);
                        gpu.Launch({{KernelsNs}}.Gpu.Fp4Kernels.RoundToBf16, {{KernelsNs}}.Gpu.Fp4Kernels.ElementConfig(length), dy.View, length, g);
                    """);
                break;
            default:
                writer.Lines($$"""
                        var g = context.Workspace.Device<float>(gpu, "dy.rounded", length);
                        var absMax = context.ZeroedCounter("dy.absmax");
                        gpu.Launch({{KernelsNs}}.Gpu.Fp4Kernels.AbsMaxBits, {{KernelsNs}}.Gpu.Fp4Kernels.ElementConfig(length), dy.View, length, absMax);
                        gpu.Launch({{KernelsNs}}.Gpu.Fp4Kernels.RoundToE5M2, {{KernelsNs}}.Gpu.Fp4Kernels.ElementConfig(length), dy.View, length, absMax, g);
                    """);
                break;
        }

        writer.Lines($$"""
                var weightDequantized = {{Weights}}.DequantizedOnGpu(context, Weight.Value, OutFeatures, InFeatures, words, Kernels.PowerOfTwoScale);
                global::QuantDsl.Runtime.DeviceGemm.Multiply(
                    gpu,
                    Kernels.InputGradient,
                    new {{KernelsNs}}.Gemm.RowMajor(g, OutFeatures),
                    new {{KernelsNs}}.Gemm.RowMajor(weightDequantized, InFeatures),
                    new {{KernelsNs}}.Gemm.StoreRowMajor(dx.View, InFeatures),
                    tokens,
                    InFeatures,
                    OutFeatures);
                if (Weight.RequiresGrad)
                {
                    var xDequantized = context.Workspace.Device<float>(gpu, "x.dequantized", tokens * InFeatures);
                    var xCodes = context.Workspace.Device<int>(gpu, "x.codes", tokens * words);
                    var xGamma = context.Workspace.Device<float>(gpu, "x.gamma", tokens);
                    gpu.Launch({{KernelsNs}}.Gpu.Fp4Kernels.DequantizeRows, {{KernelsNs}}.Gpu.Fp4Kernels.ElementConfig((long)tokens * InFeatures), xCodes, words, xGamma, tokens, InFeatures, xDequantized);
                    var weightGradient = context.Workspace.Device<float>(gpu, "weight.gradient", OutFeatures * InFeatures);
                    global::QuantDsl.Runtime.DeviceGemm.Multiply(
                        gpu,
                        Kernels.WeightGradient,
                        new {{KernelsNs}}.Gemm.Transposed(g, OutFeatures),
                        new {{KernelsNs}}.Gemm.RowMajor(xDequantized, InFeatures),
                        new {{KernelsNs}}.Gemm.StoreRowMajor(weightGradient, InFeatures),
                        OutFeatures,
                        InFeatures,
                        tokens);
                    gpu.Launch({{KernelsNs}}.Gpu.Fp4Kernels.AccumulateWeightGradient, {{KernelsNs}}.Gpu.Fp4Kernels.ElementConfig((long)OutFeatures * InFeatures), weightGradient, Weight.Value.View, weightGamma, OutFeatures, InFeatures, Kernels.Dge ? 1 : 0, Kernels.DgeK, Kernels.DgeClip, Weight.Grad!.View);
            """);
        if (policy.AddsResidual)
        {
            writer.Lines($$"""
                            global::QuantDsl.Runtime.DeviceGemm.Multiply(
                                gpu,
                                Kernels.CompensationGradient,
                                new {{KernelsNs}}.Gemm.Transposed(g, OutFeatures),
                                new {{KernelsNs}}.Gemm.RowMajor(context.Workspace.Device<float>(gpu, "x.residual", tokens * InFeatures), InFeatures),
                                new {{KernelsNs}}.Gemm.AccumulateRowMajor(Weight.Grad!.View, InFeatures),
                                OutFeatures,
                                InFeatures,
                                tokens);
                """);
        }

        writer.Lines($$"""
                }

                if (Bias is { RequiresGrad: true } bias)
                {
                    global::QuantDsl.Runtime.DeviceReductions.AccumulateColumnSums(gpu, dy.View, tokens, OutFeatures, bias.Grad!.View);
                }
            }

            """);
    }

    private static void WriteForwardCpu(IndentedWriter writer, Fp4TrainPolicy policy)
    {
        writer.Lines($$"""
            /// <summary>
            /// CPU forward: per-token {{(policy.Clamp ? "clamping and " : string.Empty)}}E2M1 quantization to doubled codes, the exact
            /// FP4 GEMM on the packed int8 GEMM micro-kernel (weights packed once per version) with <see cref="CpuEpilogue"/>{{(policy.AddsResidual ? ", then the sparse compensation term" : string.Empty)}}.
            /// </summary>
            {{Gc}}
            private void ForwardCpu({{Ctx}} context, {{Tensor}} x, {{Tensor}} y)
            {
                int tokens = x.Shape[0];
                int stride = global::QuantDsl.Runtime.Int8Weights.PaddedLength(InFeatures, Kernels.CpuKMultiple);
                var (weightPacked, weightGamma) = {{Weights}}.PackedOnCpu(context, Weight.Value, OutFeatures, InFeatures, stride, Kernels.PowerOfTwoScale);
                var codes = context.Workspace.Host<sbyte>("x.codes", tokens * stride);
                var gamma = context.Workspace.Host<float>("x.gamma", tokens);
            """);
        if (policy.Clamp)
        {
            writer.Lines($$"""
                    var residual = context.Workspace.Host<float>("x.residual", tokens * InFeatures);
                    int nonFinite = {{Rows}}.QuantizeRows(x.HostData, tokens, InFeatures, Kernels.ClampQuantile, Kernels.PowerOfTwoScale, codes, stride, gamma, residual);
                """);
        }
        else
        {
            writer.Line($"        int nonFinite = {Rows}.QuantizeRows(x.HostData, tokens, InFeatures, 0, Kernels.PowerOfTwoScale, codes, stride, gamma, null);");
        }

        writer.Lines($$"""
                    context.ThrowIfNonFinite(nonFinite, "input x", x, "no output was produced.");
                    {{KernelsNs}}.Simd.Int8GemmCpu.Run(codes, stride, weightPacked, y.HostData, tokens, new CpuEpilogue(gamma, weightGamma, Bias?.Value.HostData));
                """);
        if (policy.AddsResidual)
        {
            writer.Lines($$"""
                    var weightTransposed = {{Weights}}.TransposedOnCpu(context, Weight.Value, OutFeatures, InFeatures, stride, Kernels.PowerOfTwoScale, quantized: Kernels.CompensateWithQuantizedWeight);
                    {{Rows}}.AddCompensation(residual, tokens, InFeatures, weightTransposed, y.HostData, OutFeatures);
                """);
        }

        writer.Lines("""
            }

            """);
    }

    private static void WriteBackwardCpu(IndentedWriter writer, Fp4TrainPolicy policy)
    {
        string rounding = policy.GradientFormat switch
        {
            "Bf16" => $"{Rows}.RoundToBf16(global::System.MemoryExtensions.AsSpan(dy.HostData, 0, tokens * OutFeatures), g);",
            "Fp32" => "global::System.Array.Copy(dy.HostData, g, tokens * OutFeatures);",
            _ => $"{Rows}.RoundToE5M2(global::System.MemoryExtensions.AsSpan(dy.HostData, 0, tokens * OutFeatures), g);",
        };
        writer.Lines($$"""
            /// <summary>
            /// CPU backward: G = the output gradient in {{policy.GradientFormat}}; dX = G·Q(W); dW += (Gᵀ·Q(Xc)){{(policy.Dge ? " ⊙ f′(W·γw)" : string.Empty)}}{{(policy.AddsResidual ? " + Gᵀ·ΔX" : string.Empty)}};
            /// db += Σ_t dY. The products run on the blocked fp32 GEMM.
            /// </summary>
            {{Gc}}
            private void BackwardCpu({{Ctx}} context, {{Tensor}} dy, {{Tensor}} dx)
            {
                var x = SavedInput;
                int tokens = x.Shape[0];
                int stride = global::QuantDsl.Runtime.Int8Weights.PaddedLength(InFeatures, Kernels.CpuKMultiple);
                var (_, weightGamma) = {{Weights}}.OnCpu(context, Weight.Value, OutFeatures, InFeatures, stride, Kernels.PowerOfTwoScale);
                var g = context.Workspace.Host<float>("dy.rounded", tokens * OutFeatures);
                {{rounding}}
                var weightDequantized = {{Weights}}.DequantizedOnCpu(context, Weight.Value, OutFeatures, InFeatures, stride, Kernels.PowerOfTwoScale);
                {{KernelsNs}}.Simd.Fp32GemmCpu.Multiply(g, 0, OutFeatures, false, weightDequantized, 0, InFeatures, false, dx.HostData, 0, InFeatures, tokens, InFeatures, OutFeatures, accumulate: false);
                if (Weight.RequiresGrad)
                {
                    var xDequantized = context.Workspace.Host<float>("x.dequantized", tokens * InFeatures);
                    {{Rows}}.Dequantize(context.Workspace.Host<sbyte>("x.codes", tokens * stride), stride, context.Workspace.Host<float>("x.gamma", tokens), tokens, InFeatures, xDequantized);
                    var weightGradient = context.Workspace.Host<float>("weight.gradient", OutFeatures * InFeatures);
                    {{KernelsNs}}.Simd.Fp32GemmCpu.Multiply(g, 0, OutFeatures, true, xDequantized, 0, InFeatures, false, weightGradient, 0, InFeatures, OutFeatures, InFeatures, tokens, accumulate: false);
                    {{Rows}}.AccumulateWeightGradient(weightGradient, Weight.Value.HostData, weightGamma, OutFeatures, InFeatures, Kernels.Dge, Kernels.DgeK, Kernels.DgeClip, Weight.Grad!.HostData);
            """);
        if (policy.AddsResidual)
        {
            writer.Line($"        {Rows}.AccumulateCompensationGradient(g, context.Workspace.Host<float>(\"x.residual\", tokens * InFeatures), tokens, OutFeatures, InFeatures, Weight.Grad!.HostData);");
        }

        writer.Lines($$"""
                }

                if (Bias is { RequiresGrad: true } bias)
                {
                    {{KernelsNs}}.Simd.LinearBackwardCpu.AccumulateBiasGradient(dy.HostData, bias.Grad!.HostData, tokens, OutFeatures);
                }
            }

            """);
    }

    private static void WriteCpuEpilogue(IndentedWriter writer) =>
        writer.Lines($$"""
            /// <summary>CPU epilogue: y = acc · 0.25/(γx[t]·γw[o]) + b[o] (acc is the exact sum of doubled-code products).</summary>
            {{Gc}}
            private readonly struct CpuEpilogue(float[] rowGamma, float[] colGamma, float[]? bias) : {{KernelsNs}}.Simd.IInt8GemmEpilogue
            {
                public float Apply(int acc, int row, int col)
                {
                    float y = acc * {{KernelsNs}}.Formats.E2M1.ProductFactor / (rowGamma[row] * colGamma[col]);
                    if (bias is not null)
                    {
                        y += bias[col];
                    }

                    return y;
                }
            }

            """);

    private static void WriteKernels(IndentedWriter writer, LayerSource layer, Fp4TrainPolicy policy) =>
        writer.Lines($$"""
            /// <summary>The constants of {{layer.Policy.Describe()}}, baked in, and the ILGPU entry points of its GEMMs.</summary>
            {{Gc}}
            private static class Kernels
            {
                /// <summary>Whether each token is clamped to its quantiles (OCC).</summary>
                public const bool Clamp = {{Literals.Bool(policy.Clamp)}};

                /// <summary>OCC quantile α (used when clamping is on).</summary>
                public const double ClampQuantile = {{Literals.Number(policy.ClampQuantile)}};

                /// <summary>Whether the weight gradient gets the DGE correction (false: straight-through).</summary>
                public const bool Dge = {{Literals.Bool(policy.Dge)}};

                /// <summary>DGE sharpness k.</summary>
                public const float DgeK = {{policy.DgeK}}f;

                /// <summary>DGE derivative clip.</summary>
                public const float DgeClip = {{Literals.Float(policy.DgeClip)}};

                /// <summary>Scales rounded down to powers of two.</summary>
                public const bool PowerOfTwoScale = {{Literals.Bool(policy.PowerOfTwoScale)}};

                /// <summary>The compensation term uses Q(W) instead of W.</summary>
                public const bool CompensateWithQuantizedWeight = {{Literals.Bool(policy.CompensateWithQuantizedWeight)}};

                /// <summary>CPU codes are padded to one Vector512 of bytes.</summary>
                public const int CpuKMultiple = {{policy.Gemm.CpuKMultiple}};

                /// <summary>GPU codes are padded to the K multiple of the int8 GEMM core.</summary>
                public const int KMultiple = {{KernelsNs}}.Gemm.Int8MmaGemm.KMultiple;

                /// <summary>y = (Xq·Wqᵀ) · 0.25/(γx·γw) + b: the int8 GEMM core's tensor-core (mma.sync m16n8k32) main loop, 128 × 128 tiles, with the FP4 epilogue.</summary>
                public static void Fp4Gemm({{KernelsNs}}.Gemm.Int8MmaOperands operands, {{KernelsNs}}.Epilogues.Fp4TileEpilogue epilogue) =>
                    {{KernelsNs}}.Gemm.Int8MmaGemm.KernelRows128Cols128(operands, epilogue);

                /// <summary>The same with 64 × 128 tiles (few rows, small outputs).</summary>
                public static void Fp4GemmSmall({{KernelsNs}}.Gemm.Int8MmaOperands operands, {{KernelsNs}}.Epilogues.Fp4TileEpilogue epilogue) =>
                    {{KernelsNs}}.Gemm.Int8MmaGemm.KernelRows64Cols128(operands, epilogue);

                /// <summary>The same on Hopper's warpgroup MMA (wgmma m64n128k32), 128 × 128 tiles; loaded retargeted to sm_90a.</summary>
                [{{KernelsNs}}.Gemm.HopperKernel]
                public static void Fp4GemmHopper({{KernelsNs}}.Gemm.Int8MmaOperands operands, {{KernelsNs}}.Epilogues.Fp4TileEpilogue epilogue) =>
                    {{KernelsNs}}.Gemm.Int8MmaGemm.KernelWgmmaRows128Cols128(operands, epilogue);

                /// <summary>The same on wgmma with 64 × 128 tiles (at most 64 rows).</summary>
                [{{KernelsNs}}.Gemm.HopperKernel]
                public static void Fp4GemmHopperSmall({{KernelsNs}}.Gemm.Int8MmaOperands operands, {{KernelsNs}}.Epilogues.Fp4TileEpilogue epilogue) =>
                    {{KernelsNs}}.Gemm.Int8MmaGemm.KernelWgmmaRows64Cols128(operands, epilogue);

                /// <summary>The same product for one token as a GEMV (dp4a over the weight rows, the same int32 sums; Int8GemmPlan.IsGemv).</summary>
                public static void Fp4GemmGemv({{KernelsNs}}.Gemm.Int8MmaOperands operands, {{KernelsNs}}.Epilogues.Fp4TileEpilogue epilogue) =>
                    {{KernelsNs}}.Gemv.Int8DotGemv.Kernel(operands, epilogue);

                /// <summary>The same product for 2–16 tokens on tensor cores, the weights as the mma's A operand (the same int32 sums; Int8GemmPlan.IsSkinny), next-step weights loaded early (Int8MmaSkinny.PipelinedKernel).</summary>
                public static void Fp4GemmSkinny({{KernelsNs}}.Gemm.Int8MmaOperands operands, {{KernelsNs}}.Epilogues.Fp4TileEpilogue epilogue) =>
                    {{KernelsNs}}.Gemv.Int8MmaSkinny.PipelinedKernel(operands, epilogue);

                /// <summary>dX = G·Q(W) (tiled fp32 GEMM).</summary>
                public static void InputGradient({{KernelsNs}}.Gemm.RowMajor g, {{KernelsNs}}.Gemm.RowMajor weight, {{KernelsNs}}.Gemm.StoreRowMajor dx, int m, int n, int k) =>
                    {{KernelsNs}}.Gemm.Fp32Gemm.Kernel(g, weight, dx, m, n, k);

                /// <summary>Gᵀ·Q(Xc) before the DGE factor (tiled fp32 GEMM).</summary>
                public static void WeightGradient({{KernelsNs}}.Gemm.Transposed g, {{KernelsNs}}.Gemm.RowMajor x, {{KernelsNs}}.Gemm.StoreRowMajor gradient, int m, int n, int k) =>
                    {{KernelsNs}}.Gemm.Fp32Gemm.Kernel(g, x, gradient, m, n, k);

                /// <summary>dW += Gᵀ·ΔX (tiled fp32 GEMM).</summary>
                public static void CompensationGradient({{KernelsNs}}.Gemm.Transposed g, {{KernelsNs}}.Gemm.RowMajor residual, {{KernelsNs}}.Gemm.AccumulateRowMajor gradient, int m, int n, int k) =>
                    {{KernelsNs}}.Gemm.Fp32Gemm.Kernel(g, residual, gradient, m, n, k);
            }
            """);
}
