namespace QuantDsl.Training;

/// <summary>Linear warm-up to <see cref="Peak"/>, then cosine decay to <see cref="Floor"/> at <see cref="TotalSteps"/>.</summary>
/// <param name="Peak">The learning rate at the end of the warm-up.</param>
/// <param name="Floor">The learning rate at the last step.</param>
/// <param name="WarmupSteps">Steps of linear warm-up.</param>
/// <param name="TotalSteps">All steps.</param>
public sealed record LearningRateSchedule(float Peak, float Floor, int WarmupSteps, int TotalSteps)
{
    /// <summary>The learning rate of step <paramref name="step"/> (0-based).</summary>
    public float At(int step)
    {
        if (step < WarmupSteps)
        {
            return Peak * (step + 1) / WarmupSteps;
        }

        double progress = Math.Clamp((double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps), 0, 1);
        return (float)(Floor + (0.5 * (Peak - Floor) * (1 + Math.Cos(Math.PI * progress))));
    }
}
