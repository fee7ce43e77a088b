namespace QuantDsl.Benchmarks;

/// <summary>One benchmark shape: X [M × K] times Wᵀ, W [N × K]; printed as M×K×N in the report.</summary>
public sealed record GemmShape(int M, int K, int N)
{
    public override string ToString() => $"{M}x{K}x{N}";
}
