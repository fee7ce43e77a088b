namespace QuantDsl.Training;

/// <summary>Softmax cross-entropy, mean over rows, with its gradient.</summary>
public static class CrossEntropy
{
    /// <summary>
    /// The mean of <c>−log softmax(logits[r])[targets[r]]</c> over the rows; when <paramref name="gradient"/> is given,
    /// fills it with d(mean loss)/d(logits) = (softmax − onehot)/rows.
    /// </summary>
    public static float Loss(float[] logits, int[] targets, int rows, int classes, float[]? gradient)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        var losses = new double[rows];
        float inverseRows = 1f / rows;
        Parallel.For(0, rows, r =>
        {
            var row = logits.AsSpan(r * classes, classes);
            int target = targets[r];
            if ((uint)target >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), $"Target {target} at row {r} is outside the {classes} classes.");
            }

            float max = float.NegativeInfinity;
            foreach (float v in row)
            {
                max = MathF.Max(max, v);
            }

            double sum = 0;
            foreach (float v in row)
            {
                sum += Math.Exp(v - max);
            }

            double logSum = max + Math.Log(sum);
            losses[r] = logSum - row[target];
            if (gradient is not null)
            {
                var g = gradient.AsSpan(r * classes, classes);
                for (int j = 0; j < classes; j++)
                {
                    g[j] = (float)Math.Exp(row[j] - logSum) * inverseRows;
                }

                g[target] -= inverseRows;
            }
        });
        return (float)(losses.Sum() / rows);
    }
}
