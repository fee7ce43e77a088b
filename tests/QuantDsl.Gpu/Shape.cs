namespace QuantDsl.Gpu;

/// <summary>The size of one layer call: X [tokens × in], W [out × in], Y [tokens × out].</summary>
public readonly record struct Shape(int Tokens, int InFeatures, int OutFeatures)
{
    /// <summary>ASCII form for check names and <c>--filter</c>, e.g. <c>4096x4096x4096</c>.</summary>
    public string Name => $"{Tokens}x{InFeatures}x{OutFeatures}";

    /// <summary>Multiply-adds of one product X·Wᵀ.</summary>
    public double MultiplyAdds => (double)Tokens * InFeatures * OutFeatures;

    /// <summary>Readable form, tokens × in × out.</summary>
    public override string ToString() => $"{Tokens}×{InFeatures}×{OutFeatures}";
}
