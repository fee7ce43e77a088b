using System.Linq;
using QuantDsl.Generators.Helpers;
using QuantDsl.Generators.Models;

namespace QuantDsl.Generators.Emit;

/// <summary>
/// Writes an [Int8Outliers] layer: the GPU launch plan and ILGPU entry points (threshold, outlier-weight
/// choice and GEMM tile baked in, K stage and epilogue unrolled), the SIMD CPU plan with its epilogue
/// struct, and both backward passes. Numerics come from QuantDsl.Kernels; this only composes them.
/// </summary>
internal static class Int8OutliersEmitter
{
    private const string Gc = GeneratorInfo.GeneratedCodeAttribute;
    private const string Ctx = "global::QuantDsl.Runtime.QuantContext";
    private const string Tensor = "global::QuantDsl.Tensor";
    private const string View = "global::ILGPU.ArrayView";
    private const string KernelsNs = "global::QuantDsl.Kernels";

    /// <summary>Every member name the generated part declares.</summary>
    public static readonly string[] GeneratedMemberNames =
        LayerEmitter.CommonMemberNames.Concat(new[] { "MaxInFeatures", "CpuEpilogue" }).ToArray();

    public static string Emit(LayerSource layer)
    {
        var policy = (Int8OutliersPolicy)layer.Policy;
        string[] summary = policy.Decompose
            ?
            [
                "LLM.int8() (shared/spec/ALGORITHMS.md §2), specialized for this layer:",
                $"  forward:  outlier columns O = {{j : any |x[t, j]| >= {Literals.Number(policy.Threshold)}}} of this call;",
                "            per-token absmax int8 of the other columns, per-output-channel int8 weight;",
                "            y = (Xq·Wqᵀ, int32) · cx[t]·cw[o]/16129 + X[:, O]·" + (policy.OutlierWeightsFromInt8 ? "W_deq" : "W") + "[:, O]ᵀ + b",
                "  backward: dX = dY·W_deq;  dW += dYᵀ·X (fp32);  db += Σ_t dY",
                "  GPU: ILGPU kernels below (tensor-core mma.sync main loop, 128×128 or 64×128 tiles chosen per call);",
                "  CPU: SIMD quantize + packed int8 GEMM micro-kernel with CpuEpilogue.",
            ]
            :
            [
                "Vector-wise int8 (LLM.int8 §2.1; Threshold = 0 disables the outlier decomposition):",
                "  forward:  per-token absmax int8 of X, per-output-channel int8 weight;",
                "            y = (Xq·Wqᵀ, int32) · cx[t]·cw[o]/16129 + b",
                "  backward: dX = dY·W_deq;  dW += dYᵀ·X (fp32);  db += Σ_t dY",
                "  GPU: ILGPU kernels below (tensor-core mma.sync main loop, 128×128 or 64×128 tiles chosen per call);",
                "  CPU: SIMD quantize + packed int8 GEMM micro-kernel with CpuEpilogue.",
            ];

        return LayerEmitter.Emit(layer, summary, writer =>
        {
            writer.Lines($$"""

                /// <inheritdoc/>
                {{Gc}}
                protected override int MaxInFeatures => {{KernelsNs}}.Formats.Int8Format.MaxExactReduction;

                """);
            WriteForwardGpu(writer, policy);
            WriteForwardCpu(writer, policy);
            WriteBackward(writer);
            WriteCpuEpilogue(writer, policy);
            WriteKernels(writer, layer, policy);
        });
    }

    private static void WriteForwardGpu(IndentedWriter writer, Int8OutliersPolicy policy)
    {
        string threshold = Literals.Number(policy.Threshold);
        writer.Lines($$"""
            /// <summary>
            /// GPU forward, launches queued in order on the device's stream:
            {{(policy.Decompose
                ? $"/// 1. mark the input columns with any |x| ≥ {threshold} and list them (this call's outliers);\n" +
                  "/// 2. per-token absmax int8 of the other columns, packed four codes to a word;\n" +
                  "/// 3. gather the outlier columns of x and of the " + (policy.OutlierWeightsFromInt8 ? "dequantized int8" : "fp32") + " weight into compact rows;\n" +
                  "/// 4. tensor-core int8 GEMM (int32 accumulation) with the LLM.int8 epilogue (scales, outlier term, bias).\n" +
                  "/// One token runs steps 1–2 in one group, no step 3 (the epilogue reads the outlier columns in place) and a dp4a GEMV for step 4."
                : "/// 1. per-token absmax int8 of x, packed four codes to a word;\n" +
                  "/// 2. tensor-core int8 GEMM (int32 accumulation) with the dequantizing epilogue and bias.")}}
            /// </summary>
            {{Gc}}
            private void ForwardGpu({{Ctx}} context, {{Tensor}} x, {{Tensor}} y)
            {
                var gpu = context.Gpu;
                int tokens = x.Shape[0];
                int words = global::QuantDsl.Runtime.Int8Weights.PaddedLength(InFeatures, Kernels.KMultiple) / 4;
                var (weightCodes, weightAbsMax) = global::QuantDsl.Runtime.Int8Weights.OnGpu(context, Weight.Value, OutFeatures, InFeatures, words);
                var codes = context.Workspace.Device<int>(gpu, "x.codes", tokens * words);
                var absMax = context.Workspace.Device<float>(gpu, "x.absmax", tokens);
                // NaN/±∞ in x, counted by the quantizer and reported as gpu.NonFiniteChecks says (by default at the device's next
                // synchronization, so the forward queues its kernels without waiting).
                var nonFinite = context.BeginNonFiniteCheck("input x", x);
            """);
        GemmTileSwitch.WritePlan(writer);
        if (policy.Decompose)
        {
            writer.Lines($$"""
                    var outliers = context.Workspace.Device<int>(gpu, "outliers.columns", InFeatures);
                    // Written whole by whichever launch lists the outliers (no memset needed).
                    var outlierCount = context.Workspace.Device<int>(gpu, "outliers.count", 1);

                    // One token (the GEMV): the outlier list, codes and absmax from one group; 2–16 tokens on the skinny
                    // kernel, where gpu.UseDecodeOutliers: the same in two launches over column slices. Either way the
                    // epilogue then reads the outlier columns in place (no gathers, so no flags or gathered rows).
                    bool oneToken = gemm.IsGemv && {{KernelsNs}}.Gpu.OneTokenOutliers.Supports(InFeatures);
                    bool decodeBatch = gemm.IsSkinny && gpu.UseDecodeOutliers && {{KernelsNs}}.Gpu.DecodeOutliers.Supports(tokens, InFeatures);
                    bool inPlace = oneToken || decodeBatch;
                    {{View}}<int> flags = default;
                    {{View}}<float> outlierX = default;
                    {{View}}<float> outlierW = default;
                    if (oneToken)
                    {
                        gpu.Launch(Kernels.PrepareOneToken, {{KernelsNs}}.Gpu.OneTokenOutliers.Config, x.View, InFeatures, words, outliers, outlierCount, codes, absMax, nonFinite.Counter);
                    }
                    else if (decodeBatch)
                    {
                        // Written whole by the marking (no memset needed).
                        var masks = context.Workspace.Device<int>(gpu, "outliers.masks", InFeatures / 4);
                        var partials = context.Workspace.Device<float>(gpu, "outliers.partials", {{KernelsNs}}.Gpu.DecodeOutliers.PartialsLength(InFeatures));
                        var sliceCounts = context.Workspace.Device<int>(gpu, "outliers.slices", {{KernelsNs}}.Gpu.DecodeOutliers.Groups(InFeatures));
                        var slices = {{KernelsNs}}.Gpu.DecodeOutliers.Config(InFeatures);
                        gpu.Launch(Kernels.MarkDecodeOutliers, slices, x.View, tokens, InFeatures, masks, partials, sliceCounts, nonFinite.Counter);
                        gpu.Launch({{KernelsNs}}.Gpu.DecodeOutliers.Code, slices, x.View, tokens, InFeatures, words, masks, partials, sliceCounts, outliers, outlierCount, codes, absMax);
                    }
                    else
                    {
                        // Left zero by the gather after every call (no memset needed).
                        flags = context.Workspace.DeviceKeptZero<int>(gpu, "outliers.flags", InFeatures);
                        var markTicket = context.Workspace.DeviceKeptZero<int>(gpu, "outliers.ticket", 1);

                        // The outlier columns of x and the weight, gathered once (one launch, below) into compact rows for
                        // the epilogue (nothing is copied when the device count exceeds the capacity: the epilogue then
                        // reads x and the weight in place).
                        outlierX = context.Workspace.Device<float>(gpu, "outliers.x", tokens * {{KernelsNs}}.Gpu.OutlierGather.Capacity);
                        outlierW = context.Workspace.Device<float>(gpu, "outliers.w", OutFeatures * {{KernelsNs}}.Gpu.OutlierGather.Capacity);
                        gpu.Launch(Kernels.MarkOutlierColumns, {{KernelsNs}}.Gpu.OutlierColumns.MarkConfig(tokens, InFeatures), x.View, tokens, InFeatures, flags, outliers, outlierCount, markTicket);
                        gpu.Launch({{KernelsNs}}.Gpu.QuantizeKernels.QuantizeRowsInt8ExcludingFlagged, {{KernelsNs}}.Gpu.QuantizeKernels.RowConfig(tokens), x.View, flags, codes, absMax, nonFinite.Counter, InFeatures, words);
                    }
                """);
        }
        else
        {
            writer.Lines($$"""

                    gpu.Launch({{KernelsNs}}.Gpu.QuantizeKernels.QuantizeRowsInt8, {{KernelsNs}}.Gpu.QuantizeKernels.RowConfig(tokens), x.View, codes, absMax, nonFinite.Counter, InFeatures, words);
                """);
        }

        writer.Lines($$"""
                var operands = new {{KernelsNs}}.Epilogues.Int8OutlierOperands
                {
                    RowAbsMax = absMax,
                    ColAbsMax = weightAbsMax,
                    Bias = Bias?.Value.View ?? default,
                    HasBias = Bias is null ? 0 : 1,
            """);
        if (policy.Decompose)
        {
            writer.Lines($$"""
                        X = x.View,
                        W = Weight.Value.View,
                        Wq = weightCodes,
                        WeightWords = words,
                        InFeatures = InFeatures,
                        OutlierIndices = outliers,
                        OutlierCount = outlierCount,
                        OutlierX = outlierX,
                        OutlierW = outlierW,
                        OutliersInPlace = inPlace ? 1 : 0,
                """);
        }

        writer.Lines($$"""
                    Y = y.View,
                };
            """);
        if (policy.Decompose)
        {
            writer.Lines($$"""
                    if (!inPlace)
                    {
                        gpu.Launch({{KernelsNs}}.Gpu.OutlierGather.GatherBoth, {{KernelsNs}}.Gpu.OutlierGather.BothConfig(tokens, OutFeatures), operands, flags, tokens, OutFeatures, Kernels.OutlierWeightsFromInt8 ? 1 : 0);
                    }

                """);
        }

        GemmTileSwitch.Write(writer, "Int8Gemm", "operands");
        writer.Lines($$"""

                context.EndNonFiniteCheck(nonFinite);
            }

            """);
    }

    private static void WriteForwardCpu(IndentedWriter writer, Int8OutliersPolicy policy)
    {
        string outliers = policy.Decompose
            ? $"int[] outliers = {KernelsNs}.Simd.Int8RowsCpu.FindOutlierColumns(x.HostData, tokens, InFeatures, Kernels.Threshold);"
            : "int[] outliers = global::System.Array.Empty<int>();";
        string epilogueArguments = policy.Decompose
            ? "absMax, weightAbsMax, Bias?.Value.HostData, outlierX, outlierW, outliers.Length"
            : "absMax, weightAbsMax, Bias?.Value.HostData";
        string gatherWeights = policy.OutlierWeightsFromInt8
            ? "global::QuantDsl.Runtime.OutlierWeights.DequantizedOnCpu(context, Weight.Value, weightCodes, stride, weightAbsMax, OutFeatures, outliers);"
            : "global::QuantDsl.Runtime.OutlierWeights.OnCpu(context, Weight.Value, OutFeatures, InFeatures, outliers);";
        string gather = policy.Decompose
            ? "\n    // The outlier columns of X and W in compact rows: each output's outlier term reads t contiguous floats of each."
                + "\n    // W's columns are cached until the weight or the outlier set changes (outlier features recur call after call)."
                + "\n    var outlierX = context.Workspace.Host<float>(\"outliers.x\", tokens * outliers.Length);"
                + $"\n    {KernelsNs}.Epilogues.Int8OutlierEpilogueCpu.GatherColumns(x.HostData, tokens, InFeatures, outliers, outlierX);"
                + $"\n    var outlierW = {gatherWeights}"
            : string.Empty;
        // The outlier term of the bitsandbytes variant reads the unpacked codes (cached beside the packed ones).
        string outlierCodes = policy.Decompose && policy.OutlierWeightsFromInt8
            ? "\n    var (weightCodes, _) = global::QuantDsl.Runtime.Int8Weights.OnCpu(context, Weight.Value, OutFeatures, InFeatures, stride);"
            : string.Empty;
        writer.Lines($$"""
            /// <summary>
            /// CPU forward: {{(policy.Decompose ? "outlier columns, then " : string.Empty)}}per-token int8 (SIMD), then the packed int8 GEMM
            /// micro-kernel (exact int32 sums, weight panels over cores; weights packed once per version) with <see cref="CpuEpilogue"/>.
            /// </summary>
            {{Gc}}
            private void ForwardCpu({{Ctx}} context, {{Tensor}} x, {{Tensor}} y)
            {
                int tokens = x.Shape[0];
                int stride = global::QuantDsl.Runtime.Int8Weights.PaddedLength(InFeatures, Kernels.CpuKMultiple);
                var (weightPacked, weightAbsMax) = global::QuantDsl.Runtime.Int8Weights.PackedOnCpu(context, Weight.Value, OutFeatures, InFeatures, stride);{{outlierCodes}}
                {{outliers}}
                var codes = context.Workspace.Host<sbyte>("x.codes", tokens * stride);
                var absMax = context.Workspace.Host<float>("x.absmax", tokens);
                int nonFinite = {{KernelsNs}}.Simd.Int8RowsCpu.QuantizeRows(x.HostData, tokens, InFeatures, outliers, codes, stride, absMax);
                context.ThrowIfNonFinite(nonFinite, "input x", x, "no output was produced.");{{gather}}
                var epilogue = new CpuEpilogue({{epilogueArguments}});
                {{KernelsNs}}.Simd.Int8GemmCpu.Run(codes, stride, weightPacked, y.HostData, tokens, epilogue);
            }

            """);
    }

    private static void WriteBackward(IndentedWriter writer)
    {
        writer.Lines($$"""
            /// <summary>
            /// GPU backward (LLM.int8 §2.3): dX = dY·W_deq against the dequantized int8 weight; dW += dYᵀ·X and
            /// db += Σ_t dY in fp32 for the parameters that require gradients. Tiled fp32 GEMMs (split along K by DeviceGemm when the output has few tiles, as dW does).
            /// </summary>
            {{Gc}}
            private void BackwardGpu({{Ctx}} context, {{Tensor}} dy, {{Tensor}} dx)
            {
                var gpu = context.Gpu;
                var x = SavedInput;
                int tokens = x.Shape[0];
                int words = global::QuantDsl.Runtime.Int8Weights.PaddedLength(InFeatures, Kernels.KMultiple) / 4;
                var (weightCodes, weightAbsMax) = global::QuantDsl.Runtime.Int8Weights.OnGpu(context, Weight.Value, OutFeatures, InFeatures, words);
                global::QuantDsl.Runtime.DeviceGemm.Multiply(
                    gpu,
                    Kernels.InputGradient,
                    new {{KernelsNs}}.Gemm.RowMajor(dy.View, OutFeatures),
                    new {{KernelsNs}}.Gemm.DequantizedInt8Rows(weightCodes, words, weightAbsMax),
                    new {{KernelsNs}}.Gemm.StoreRowMajor(dx.View, InFeatures),
                    tokens,
                    InFeatures,
                    OutFeatures);
                if (Weight.RequiresGrad)
                {
                    global::QuantDsl.Runtime.DeviceGemm.Multiply(
                        gpu,
                        Kernels.WeightGradient,
                        new {{KernelsNs}}.Gemm.Transposed(dy.View, OutFeatures),
                        new {{KernelsNs}}.Gemm.RowMajor(x.View, InFeatures),
                        new {{KernelsNs}}.Gemm.AccumulateRowMajor(Weight.Grad!.View, InFeatures),
                        OutFeatures,
                        InFeatures,
                        tokens);
                }

                if (Bias is { RequiresGrad: true } bias)
                {
                    global::QuantDsl.Runtime.DeviceReductions.AccumulateColumnSums(gpu, dy.View, tokens, OutFeatures, bias.Grad!.View);
                }
            }

            /// <summary>CPU backward: the same three products with SIMD AXPY kernels, rows over cores.</summary>
            {{Gc}}
            private void BackwardCpu({{Ctx}} context, {{Tensor}} dy, {{Tensor}} dx)
            {
                var x = SavedInput;
                int tokens = x.Shape[0];
                int stride = global::QuantDsl.Runtime.Int8Weights.PaddedLength(InFeatures, Kernels.CpuKMultiple);
                var (weightCodes, weightAbsMax) = global::QuantDsl.Runtime.Int8Weights.OnCpu(context, Weight.Value, OutFeatures, InFeatures, stride);
                {{KernelsNs}}.Simd.LinearBackwardCpu.InputGradientFromInt8(dy.HostData, weightCodes, stride, weightAbsMax, dx.HostData, tokens, OutFeatures, InFeatures);
                if (Weight.RequiresGrad)
                {
                    {{KernelsNs}}.Simd.LinearBackwardCpu.AccumulateWeightGradient(dy.HostData, x.HostData, Weight.Grad!.HostData, tokens, OutFeatures, InFeatures);
                }

                if (Bias is { RequiresGrad: true } bias)
                {
                    {{KernelsNs}}.Simd.LinearBackwardCpu.AccumulateBiasGradient(dy.HostData, bias.Grad!.HostData, tokens, OutFeatures);
                }
            }

            """);
    }

    private static void WriteCpuEpilogue(IndentedWriter writer, Int8OutliersPolicy policy)
    {
        string parameters;
        string outlierTerm;
        if (!policy.Decompose)
        {
            parameters = "float[] rowAbsMax, float[] colAbsMax, float[]? bias";
            outlierTerm = string.Empty;
        }
        else
        {
            parameters = "float[] rowAbsMax, float[] colAbsMax, float[]? bias, float[] outlierX, float[] outlierW, int outlierCount";
            outlierTerm = $"\n        y += {KernelsNs}.Epilogues.Int8OutlierEpilogueCpu.CompactDot(outlierX, row * outlierCount, outlierW, col * outlierCount, outlierCount);";
        }

        string formula = policy.Decompose
            ? "y = acc·cx[t]·cw[o]/16129 + Σ_{j∈O} x[t, j]·" + (policy.OutlierWeightsFromInt8 ? "W_deq" : "W") + "[o, j] + b[o]"
            : "y = acc·cx[t]·cw[o]/16129 + b[o]";
        writer.Lines($$"""
            /// <summary>CPU epilogue: {{formula}}, in the GPU epilogue's order of operations.</summary>
            {{Gc}}
            private readonly struct CpuEpilogue({{parameters}}) : {{KernelsNs}}.Simd.IInt8GemmEpilogue
            {
                public float Apply(int acc, int row, int col)
                {
                    float y = {{KernelsNs}}.Formats.Int8Format.DequantizeProduct(acc, rowAbsMax[row], colAbsMax[col]);{{outlierTerm}}
                    if (bias is not null)
                    {
                        y += bias[col];
                    }

                    return y;
                }
            }

            """);
    }

    private static void WriteKernels(IndentedWriter writer, LayerSource layer, Int8OutliersPolicy policy)
    {
        var gemm = policy.Gemm;
        writer.Lines($$"""
            /// <summary>
            /// ILGPU entry points specialized for {{layer.Policy.Describe()}}, compiled for a device the first time
            /// they are launched on it. They compose QuantDsl.Kernels pieces (the unrolled tensor-core main loops among
            /// them) with this policy's constants baked in.
            /// </summary>
            {{Gc}}
            private static class Kernels
            {
                /// <summary>Outlier threshold: input columns with any |x| ≥ this are multiplied in full precision{{(policy.Decompose ? string.Empty : " (0: none)")}}.</summary>
                public const float Threshold = {{Literals.Float(policy.Threshold)}};

                /// <summary>Whether the mixed-precision decomposition runs (Threshold &gt; 0).</summary>
                public const bool Decompose = {{Literals.Bool(policy.Decompose)}};

                /// <summary>Outlier columns use the dequantized int8 weight (bitsandbytes) rather than the fp32 weight (paper).</summary>
                public const bool OutlierWeightsFromInt8 = {{Literals.Bool(policy.OutlierWeightsFromInt8)}};

                /// <summary>GPU codes are padded to the K multiple of the tensor-core main loop.</summary>
                public const int KMultiple = {{KernelsNs}}.Gemm.Int8MmaGemm.KMultiple;

                /// <summary>CPU codes are padded to one Vector512 of bytes.</summary>
                public const int CpuKMultiple = {{gemm.CpuKMultiple}};

            """);
        if (policy.Decompose)
        {
            writer.Lines($$"""
                    /// <summary>Flags the columns of x holding any |x| ≥ {{Literals.Number(policy.Threshold)}} and lists them, ascending, with their count (one launch).</summary>
                    public static void MarkOutlierColumns({{View}}<float> x, int rows, int cols, {{View}}<int> flags, {{View}}<int> indices, {{View}}<int> count, {{View}}<int> ticket) =>
                        {{KernelsNs}}.Gpu.OutlierColumns.MarkAndCompact(x, rows, cols, Threshold, flags, indices, count, ticket);

                    /// <summary>One token: lists the columns with |x| ≥ {{Literals.Number(policy.Threshold)}}, codes the others and takes their absmax, in one group.</summary>
                    public static void PrepareOneToken({{View}}<float> x, int cols, int words, {{View}}<int> indices, {{View}}<int> count, {{View}}<int> packed, {{View}}<float> absMax, {{View}}<int> nonFinite) =>
                        {{KernelsNs}}.Gpu.OneTokenOutliers.Prepare(x, cols, words, Threshold, indices, count, packed, absMax, nonFinite);

                    /// <summary>2–16 tokens: each column slice's outlier masks (|x| ≥ {{Literals.Number(policy.Threshold)}} in any row), outlier count and partial row maxima.</summary>
                    public static void MarkDecodeOutliers({{View}}<float> x, int rows, int cols, {{View}}<int> masks, {{View}}<float> partials, {{View}}<int> sliceCounts, {{View}}<int> nonFinite) =>
                        {{KernelsNs}}.Gpu.DecodeOutliers.Mark(x, rows, cols, Threshold, masks, partials, sliceCounts, nonFinite);

                """);
        }

        writer.Lines($$"""
                /// <summary>
                /// y = epilogue(Σ_k Xq[t, k]·Wq[o, k]): the library tensor-core main loop (mma.sync m16n8k32, cp.async
                /// stages, 128 × 128 tiles) with this policy's LLM.int8 epilogue, its constants folded. The forward picks
                /// this kernel or one of the three below per call (Int8MmaGemm.ChooseTile).
                /// </summary>
                public static void Int8Gemm({{KernelsNs}}.Gemm.Int8MmaOperands gemm, {{KernelsNs}}.Epilogues.Int8OutlierOperands operands) =>
                    {{KernelsNs}}.Gemm.Int8MmaGemm.KernelRows128Cols128(gemm, new {{KernelsNs}}.Epilogues.Int8OutlierTileEpilogue(operands, gemm.Cols, Decompose, OutlierWeightsFromInt8));

                /// <summary>The same with 64 × 128 tiles (few rows, small outputs).</summary>
                public static void Int8GemmSmall({{KernelsNs}}.Gemm.Int8MmaOperands gemm, {{KernelsNs}}.Epilogues.Int8OutlierOperands operands) =>
                    {{KernelsNs}}.Gemm.Int8MmaGemm.KernelRows64Cols128(gemm, new {{KernelsNs}}.Epilogues.Int8OutlierTileEpilogue(operands, gemm.Cols, Decompose, OutlierWeightsFromInt8));

                /// <summary>The same on Hopper's warpgroup MMA (wgmma m64n128k32), 128 × 128 tiles; loaded retargeted to sm_90a.</summary>
                [{{KernelsNs}}.Gemm.HopperKernel]
                public static void Int8GemmHopper({{KernelsNs}}.Gemm.Int8MmaOperands gemm, {{KernelsNs}}.Epilogues.Int8OutlierOperands operands) =>
                    {{KernelsNs}}.Gemm.Int8MmaGemm.KernelWgmmaRows128Cols128(gemm, new {{KernelsNs}}.Epilogues.Int8OutlierTileEpilogue(operands, gemm.Cols, Decompose, OutlierWeightsFromInt8));

                /// <summary>The same on wgmma with 64 × 128 tiles (at most 64 rows).</summary>
                [{{KernelsNs}}.Gemm.HopperKernel]
                public static void Int8GemmHopperSmall({{KernelsNs}}.Gemm.Int8MmaOperands gemm, {{KernelsNs}}.Epilogues.Int8OutlierOperands operands) =>
                    {{KernelsNs}}.Gemm.Int8MmaGemm.KernelWgmmaRows64Cols128(gemm, new {{KernelsNs}}.Epilogues.Int8OutlierTileEpilogue(operands, gemm.Cols, Decompose, OutlierWeightsFromInt8));

                /// <summary>The same product for one token as a GEMV (dp4a over the weight rows, the same int32 sums and epilogue; Int8GemmPlan.IsGemv).</summary>
                public static void Int8GemmGemv({{KernelsNs}}.Gemm.Int8MmaOperands gemm, {{KernelsNs}}.Epilogues.Int8OutlierOperands operands) =>
                    {{KernelsNs}}.Gemv.Int8DotGemv.Kernel(gemm, new {{KernelsNs}}.Epilogues.Int8OutlierTileEpilogue(operands, gemm.Cols, Decompose, OutlierWeightsFromInt8));

                /// <summary>The same product for 2–16 tokens on tensor cores, the weights as the mma's A operand (the same int32 sums and epilogue; Int8GemmPlan.IsSkinny), next-step weights loaded early (Int8MmaSkinny.PipelinedKernel).</summary>
                public static void Int8GemmSkinny({{KernelsNs}}.Gemm.Int8MmaOperands gemm, {{KernelsNs}}.Epilogues.Int8OutlierOperands operands) =>
                    {{KernelsNs}}.Gemv.Int8MmaSkinny.PipelinedKernel(gemm, new {{KernelsNs}}.Epilogues.Int8OutlierTileEpilogue(operands, gemm.Cols, Decompose, OutlierWeightsFromInt8));

                /// <summary>dX = dY·W_deq: tiled fp32 GEMM reading the int8 weight dequantized.</summary>
                public static void InputGradient(
                    {{KernelsNs}}.Gemm.RowMajor dy,
                    {{KernelsNs}}.Gemm.DequantizedInt8Rows weight,
                    {{KernelsNs}}.Gemm.StoreRowMajor dx,
                    int m,
                    int n,
                    int k) =>
                    {{KernelsNs}}.Gemm.Fp32Gemm.Kernel(dy, weight, dx, m, n, k);

                /// <summary>dW += dYᵀ·X: tiled fp32 GEMM accumulating into the weight gradient.</summary>
                public static void WeightGradient(
                    {{KernelsNs}}.Gemm.Transposed dyTransposed,
                    {{KernelsNs}}.Gemm.RowMajor x,
                    {{KernelsNs}}.Gemm.AccumulateRowMajor weightGrad,
                    int m,
                    int n,
                    int k) =>
                    {{KernelsNs}}.Gemm.Fp32Gemm.Kernel(dyTransposed, x, weightGrad, m, n, k);
            }
            """);
    }
}
