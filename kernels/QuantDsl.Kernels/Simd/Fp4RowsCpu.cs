using System.Runtime.InteropServices;
using QuantDsl.Kernels.Formats;

namespace QuantDsl.Kernels.Simd;

/// <summary>
/// CPU passes of FP4 training (ALGORITHMS.md §1): per-row absmax E2M1 quantization to doubled codes with optional
/// outlier clamping, the sparse compensation term, E5M2 rounding of the output gradient, dequantization and the
/// DGE-weighted weight-gradient update. Rows are split over cores.
/// </summary>
public static class Fp4RowsCpu
{
    /// <summary>
    /// Quantizes each row of <paramref name="x"/> [rows × cols]: with <paramref name="clampQuantile"/> &gt; 0 the row is
    /// first clamped to its quantiles (OCC) and <c>x − clamp(x)</c> goes to <paramref name="residual"/>; then
    /// <c>γ = 6/absmax</c> (or its power-of-two floor) and <c>codes = 2·ladder(x·γ)</c>, zero-padded to
    /// <paramref name="stride"/>.
    /// </summary>
    /// <returns>The number of NaN/±∞ inputs (nothing is meaningful when it is not 0).</returns>
    public static int QuantizeRows(
        float[] x, int rows, int cols, double clampQuantile, bool powerOfTwoScale,
        sbyte[] codes, int stride, float[] gamma, float[]? residual)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(gamma);
        bool clamp = clampQuantile > 0;
        if ((long)rows * cols > x.Length || (long)rows * stride > codes.Length || stride < cols || gamma.Length < rows
            || (clamp && (residual is null || (long)rows * cols > residual.Length)))
        {
            throw new ArgumentException($"FP4 row quantization buffers do not fit [{rows} × {cols}] with stride {stride}.");
        }

        int nonFinite = 0;
        int lowerIndex = clamp ? OutlierClamp.LowerIndex(clampQuantile, cols) : 0;
        int upperIndex = clamp ? OutlierClamp.UpperIndex(clampQuantile, cols) : 0;
        Parallel.For(
            0,
            rows,
            () => clamp ? new float[cols] : [],
            (row, _, scratch) =>
            {
                var source = new ReadOnlySpan<float>(x, row * cols, cols);
                int bad = Int8Simd.CountNonFinite(source);
                if (bad != 0)
                {
                    Interlocked.Add(ref nonFinite, bad);
                    return scratch;
                }

                float lo = float.NegativeInfinity;
                float hi = float.PositiveInfinity;
                float absMax;
                if (clamp)
                {
                    source.CopyTo(scratch);
                    scratch.AsSpan().Sort();
                    lo = scratch[lowerIndex];
                    hi = scratch[upperIndex];
                    absMax = MathF.Max(MathF.Abs(lo), MathF.Abs(hi));
                }
                else
                {
                    absMax = Int8Simd.AbsMax(source);
                }

                float g = E2M1.Scale(absMax, powerOfTwoScale);
                gamma[row] = g;
                var target = new Span<sbyte>(codes, row * stride, stride);
                for (int j = 0; j < cols; j++)
                {
                    float v = source[j];
                    if (clamp)
                    {
                        float clamped = Math.Clamp(v, lo, hi);
                        residual![(row * cols) + j] = v - clamped;
                        v = clamped;
                    }

                    target[j] = (sbyte)E2M1.DoubledCode(v * g);
                }

                target[cols..].Clear();
                return scratch;
            },
            _ => { });
        return nonFinite;
    }

    /// <summary><c>dst[r, c] = codes[r, c] · 0.5 / γ[r]</c>: the dequantized rows [rows × cols].</summary>
    public static void Dequantize(sbyte[] codes, int stride, float[] gamma, int rows, int cols, float[] dst)
    {
        Parallel.For(0, rows, row =>
        {
            float factor = 0.5f / gamma[row];
            var source = new ReadOnlySpan<sbyte>(codes, row * stride, cols);
            var target = new Span<float>(dst, row * cols, cols);
            for (int j = 0; j < cols; j++)
            {
                target[j] = source[j] * factor;
            }
        });
    }

    /// <summary>
    /// <c>y[t, :] += Σ_j residual[t, j] · weightTransposed[j, :]</c>: the compensation <c>ΔX·Wᵀ</c> of OCC, visiting only the
    /// nonzero residuals (≈ 2(1−α) of them).
    /// </summary>
    public static void AddCompensation(float[] residual, int tokens, int inFeatures, float[] weightTransposed, float[] y, int outFeatures)
    {
        Parallel.For(0, tokens, t =>
        {
            var row = new ReadOnlySpan<float>(residual, t * inFeatures, inFeatures);
            var target = new Span<float>(y, t * outFeatures, outFeatures);
            for (int j = 0; j < inFeatures; j++)
            {
                if (row[j] != 0f)
                {
                    Fp32Simd.Axpy(row[j], new ReadOnlySpan<float>(weightTransposed, j * outFeatures, outFeatures), target);
                }
            }
        });
    }

    /// <summary>
    /// <c>grad[o, j] += Σ_t dy[t, o] · residual[t, j]</c>: the weight gradient of the compensation term, over the nonzero
    /// residuals only. Output channels are split over cores, so no two tasks write the same gradient row.
    /// </summary>
    public static void AccumulateCompensationGradient(float[] dy, float[] residual, int tokens, int outFeatures, int inFeatures, float[] grad)
    {
        var nonzeros = new List<(int Token, int Column, float Value)>();
        for (int t = 0; t < tokens; t++)
        {
            for (int j = 0; j < inFeatures; j++)
            {
                float r = residual[(t * inFeatures) + j];
                if (r != 0f)
                {
                    nonzeros.Add((t, j, r));
                }
            }
        }

        if (nonzeros.Count == 0)
        {
            return;
        }

        var entries = CollectionsMarshal.AsSpan(nonzeros).ToArray();
        Parallel.For(0, outFeatures, o =>
        {
            var gradRow = new Span<float>(grad, o * inFeatures, inFeatures);
            foreach (var (token, column, value) in entries)
            {
                gradRow[column] = MathF.FusedMultiplyAdd(dy[(token * outFeatures) + o], value, gradRow[column]);
            }
        });
    }

    /// <summary>
    /// Rounds <paramref name="source"/> to FP8 E5M2 with one power-of-two scale for the whole tensor (so the largest
    /// magnitude lands at or below 57344) and writes the value scaled back, into <paramref name="destination"/>.
    /// </summary>
    public static void RoundToE5M2(ReadOnlySpan<float> source, Span<float> destination)
    {
        float scale = Fp8E5M2.TensorScale(Int8Simd.AbsMax(source));
        float inverse = 1f / scale;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = Fp8E5M2.Round(source[i] * scale) * inverse;
        }
    }

    /// <summary>Rounds <paramref name="source"/> to bfloat16 into <paramref name="destination"/>.</summary>
    public static void RoundToBf16(ReadOnlySpan<float> source, Span<float> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = Bf16.Round(source[i]);
        }
    }

    /// <summary>
    /// <c>grad[o, i] += g[o, i] · f′(W[o, i]·γ[o])</c> (DGE, <paramref name="dge"/> set) or <c>+= g[o, i]</c> (straight-through).
    /// </summary>
    public static void AccumulateWeightGradient(
        float[] g, float[] weight, float[] gamma, int rows, int cols, bool dge, float k, float clip, float[] grad)
    {
        Parallel.For(0, rows, o =>
        {
            var source = new ReadOnlySpan<float>(g, o * cols, cols);
            var target = new Span<float>(grad, o * cols, cols);
            if (!dge)
            {
                Fp32Simd.Axpy(1f, source, target);
                return;
            }

            var w = new ReadOnlySpan<float>(weight, o * cols, cols);
            float gm = gamma[o];
            for (int i = 0; i < cols; i++)
            {
                target[i] = MathF.FusedMultiplyAdd(source[i], Dge.Derivative(w[i] * gm, k, clip), target[i]);
            }
        });
    }

    /// <summary><c>dst[j, o] = src[o, j]</c> for a [rows × cols] matrix.</summary>
    public static void Transpose(float[] src, int rows, int cols, float[] dst)
    {
        Parallel.For(0, cols, j =>
        {
            for (int o = 0; o < rows; o++)
            {
                dst[(j * rows) + o] = src[(o * cols) + j];
            }
        });
    }
}
