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

    /// <summary>Throws when QuantDsl and its ORT peer disagree: the benchmark would not compare the same computation.</summary>
    public static void RequireAgreement(string what, ReadOnlySpan<float> quantDsl, ReadOnlySpan<float> peer, double tolerance)
    {
        double error = RelativeError(quantDsl, peer);
        Console.WriteLine($"// agreement {what}: relative difference {error:E2} (tolerance {tolerance:E1})");
        if (!(error <= tolerance))
        {
            throw new InvalidOperationException($"{what}: QuantDsl and ONNX Runtime disagree, relative difference {error:E3} > {tolerance:E1}.");
        }
    }
}
