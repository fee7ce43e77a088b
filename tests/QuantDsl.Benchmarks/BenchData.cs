namespace QuantDsl.Benchmarks;

/// <summary>Deterministic benchmark operands and the agreement checks run once per setup.</summary>
internal static class BenchData
{
    public static sbyte[] Int8(int count, int seed)
    {
        var random = new Random(seed);
        var values = new sbyte[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (sbyte)random.Next(-127, 128);
        }

        return values;
    }

    public static float[] Uniform(int count, int seed, float bound = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2) - 1) * bound);
        }

        return values;
    }

    /// <summary>Row-major [rows × cols] to [cols × rows].</summary>
    public static T[] Transpose<T>(T[] source, int rows, int cols)
    {
        var result = new T[source.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                result[(c * rows) + r] = source[(r * cols) + c];
            }
        }

        return result;
    }

    /// <summary>‖a − b‖ / ‖b‖.</summary>
    public static double RelativeError(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Compared outputs differ in length: {a.Length} vs {b.Length}.");
        }

        double difference = 0;
        double norm = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            difference += d * d;
            norm += (double)b[i] * b[i];
        }

        return Math.Sqrt(difference / Math.Max(norm, double.Epsilon));
    }

    /// <summary>Throws when two results that must agree do not: the benchmark would not time a correct computation.</summary>
    public static void RequireAgreement(string what, ReadOnlySpan<float> quantDsl, ReadOnlySpan<float> peer, double tolerance)
    {
        double error = RelativeError(quantDsl, peer);
        Console.WriteLine($"// agreement {what}: relative difference {error:E2} (tolerance {tolerance:E1})");
        if (!(error <= tolerance))
        {
            throw new InvalidOperationException($"{what}: the results disagree, relative difference {error:E3} > {tolerance:E1}.");
        }
    }

    /// <summary>Rows 0, m/2 and m − 1 of the exact int8 product A [m × k] · Wᵀ (W [n × k]), for checking both sides.</summary>
    public static (int[] Rows, float[] Values) ExactInt8Rows(sbyte[] a, sbyte[] w, int m, int k, int n)
    {
        int[] rows = new[] { 0, m / 2, m - 1 }.Distinct().ToArray();
        var values = new float[rows.Length * n];
        for (int r = 0; r < rows.Length; r++)
        {
            for (int c = 0; c < n; c++)
            {
                long sum = 0;
                for (int kk = 0; kk < k; kk++)
                {
                    sum += a[(rows[r] * k) + kk] * w[(c * k) + kk];
                }

                values[(r * n) + c] = sum;
            }
        }

        return (rows, values);
    }

    /// <summary>The given rows of a row-major [· × n] output, concatenated.</summary>
    public static float[] Rows(float[] output, int[] rows, int n) =>
        rows.SelectMany(row => output.AsSpan(row * n, n).ToArray()).ToArray();

    /// <summary>
    /// Reports how far the ORT peer is from the reference (exact, or fp32 for approximate operators). Some ORT kernels are not exact on some CPUs (MLAS's AVX2
    /// u8×s8 kernel saturates the int16 pair sums of vpmaddubsw), so a peer outside <paramref name="tolerance"/> is
    /// reported, not fatal: the timing still compares the same operation on the same shapes.
    /// </summary>
    /// <returns>Whether the peer is within the tolerance.</returns>
    public static bool ReportPeerAccuracy(string what, ReadOnlySpan<float> peer, ReadOnlySpan<float> exact, double tolerance)
    {
        double error = RelativeError(peer, exact);
        bool exactEnough = error <= tolerance;
        Console.WriteLine(exactEnough
            ? $"// peer accuracy {what}: relative error {error:E2} vs the reference (tolerance {tolerance:E1})"
            : $"// WARNING peer accuracy {what}: ONNX Runtime is off the reference by {error:E3} (tolerance {tolerance:E1}) on this CPU; QuantDsl's own result is checked, the timings are still reported");
        return exactEnough;
    }
}
