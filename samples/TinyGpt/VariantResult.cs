namespace TinyGptSample;

/// <summary>What one variant's training produced.</summary>
internal sealed record VariantResult(
    string Name,
    string Description,
    List<(int Step, double Loss)> Train,
    List<(int Step, double Loss)> Validation,
    double TokensPerSecond,
    double Seconds)
{
    public double FinalValidation => Validation[^1].Loss;
}
