namespace QuantDsl.Training;

/// <summary>GELU, tanh approximation (GPT-2): <c>0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))</c>, and its derivative.</summary>
public static class Gelu
{
    private const float Alpha = 0.7978845608f;
    private const float Beta = 0.044715f;

    /// <summary>GELU(x).</summary>
    public static float Value(float x)
    {
        float t = MathF.Tanh(Alpha * (x + (Beta * x * x * x)));
        return 0.5f * x * (1f + t);
    }

    /// <summary>dGELU/dx.</summary>
    public static float Derivative(float x)
    {
        float t = MathF.Tanh(Alpha * (x + (Beta * x * x * x)));
        return (0.5f * (1f + t)) + (0.5f * x * (1f - (t * t)) * Alpha * (1f + (3f * Beta * x * x)));
    }
}
