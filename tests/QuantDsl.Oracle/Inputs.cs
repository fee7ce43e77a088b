namespace QuantDsl.Oracle;

/// <summary>Deterministic test inputs shaped like LLM activations and weights.</summary>
public static class Inputs
{
    /// <summary><paramref name="count"/> standard normal values × <paramref name="scale"/> (Box–Muller, seeded).</summary>
    public static float[] Normal(int count, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i += 2)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1));
            values[i] = (float)(radius * Math.Cos(2 * Math.PI * u2) * scale);
            if (i + 1 < count)
            {
                values[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2) * scale);
            }
        }

        return values;
    }

    /// <summary>
    /// X ~ N(0, 1) [tokens × in] with <paramref name="columns"/> planted outlier feature columns, spread over
    /// the input, scaled by <paramref name="scale"/> (the systematic outlier features LLM.int8 targets);
    /// W ~ N(0, 1/in) [out × in]; bias ~ N(0, 0.1²).
    /// </summary>
    public static LayerInputs WithOutlierColumns(int tokens, int inFeatures, int outFeatures, int columns, float scale, int seed)
    {
        var x = Normal(tokens * inFeatures, seed);
        var planted = new int[columns];
        for (int c = 0; c < columns; c++)
        {
            planted[c] = (int)(((long)(2 * c + 1) * inFeatures) / (2 * columns));
            for (int t = 0; t < tokens; t++)
            {
                x[(t * inFeatures) + planted[c]] *= scale;
            }
        }

        var w = Normal(outFeatures * inFeatures, seed + 1, 1f / MathF.Sqrt(inFeatures));
        var bias = Normal(outFeatures, seed + 2, 0.1f);
        return new LayerInputs(x, w, bias, planted, tokens, inFeatures, outFeatures);
    }
}
