namespace QuantDsl.Gpu.Checks;

/// <summary>What the error-message checks saw: each expected exception's message, and what was wrong.</summary>
public sealed class Findings
{
    private readonly List<string> problems = [];
    private readonly List<string> notes = [];

    /// <summary>
    /// <paramref name="call"/> must throw <see cref="ArgumentException"/> whose message contains every one
    /// of <paramref name="mustName"/> (the shapes and devices involved).
    /// </summary>
    public void Expect(Func<Tensor> call, string what, params string[] mustName)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(mustName);
        try
        {
            using var unexpected = call();
            problems.Add($"{what} returned a result instead of throwing ArgumentException.");
        }
        catch (ArgumentException error)
        {
            notes.Add($"{what}: {error.Message}");
            foreach (string name in mustName.Where(n => !error.Message.Contains(n, StringComparison.Ordinal)))
            {
                problems.Add($"{what}: the message does not name {name}.");
            }
        }
    }

    /// <summary>A correct call on <paramref name="layer"/> still succeeds after the rejected ones.</summary>
    public void StillWorks(QuantLinear layer, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(layer);
        using var x = Tensor.Zeros(layer.Device, shape.Tokens, shape.InFeatures);
        using var y = layer.Forward(x);
        using var dy = Tensor.Zeros(layer.Device, shape.Tokens, shape.OutFeatures);
        using var dx = layer.Backward(dy);
        notes.Add($"Forward and Backward with the right shapes on {layer.Device} still work afterwards.");
    }

    /// <summary>Passed when no problem was recorded; the messages seen are the report.</summary>
    public CheckOutcome Outcome() =>
        new(problems.Count == 0, null, null, string.Join(Environment.NewLine, problems.Concat(notes)));
}
