namespace QuantDsl.Gpu.Checks;

/// <summary>
/// Wrong shapes and wrong devices are rejected with an <see cref="ArgumentException"/> whose message names
/// the shapes involved (and the devices), and the layer still works afterwards.
/// </summary>
public static class ErrorMessageChecks
{
    /// <summary>The three checks, for a small layer of <paramref name="shape"/> (no oracle needed).</summary>
    public static IEnumerable<Check> Create(Shape shape)
    {
        yield return new($"errors/x-shape/{shape.Name}", shape, context => XShape(context, shape));
        yield return new($"errors/dy-shape/{shape.Name}", shape, context => DyShape(context, shape));
        yield return new($"errors/device/{shape.Name}", shape, context => WrongDevice(context, shape));
    }

    private static CheckOutcome XShape(HarnessContext context, Shape shape)
    {
        using var layer = CreateLayer(context, shape);
        var findings = new Findings();
        string expected = $"[tokens, {shape.InFeatures}]";
        using (var narrow = Tensor.Zeros(layer.Device, shape.Tokens, shape.InFeatures - 1))
        {
            findings.Expect(() => layer.Forward(narrow), $"Forward(x {narrow.ShapeText})", narrow.ShapeText, expected);
        }

        using (var flat = Tensor.Zeros(layer.Device, shape.Tokens * shape.InFeatures))
        {
            findings.Expect(() => layer.Forward(flat), $"Forward(x {flat.ShapeText})", flat.ShapeText, expected);
        }

        findings.StillWorks(layer, shape);
        return findings.Outcome();
    }

    private static CheckOutcome DyShape(HarnessContext context, Shape shape)
    {
        using var layer = CreateLayer(context, shape);
        var findings = new Findings();
        using var x = Tensor.Zeros(layer.Device, shape.Tokens, shape.InFeatures);
        using var y = layer.Forward(x);
        string expected = $"[{shape.Tokens}, {shape.OutFeatures}]";
        using (var narrow = Tensor.Zeros(layer.Device, shape.Tokens, shape.OutFeatures - 1))
        {
            findings.Expect(() => layer.Backward(narrow), $"Backward(dy {narrow.ShapeText})", narrow.ShapeText, expected);
        }

        using (var fewerTokens = Tensor.Zeros(layer.Device, shape.Tokens - 1, shape.OutFeatures))
        {
            findings.Expect(() => layer.Backward(fewerTokens), $"Backward(dy {fewerTokens.ShapeText})", fewerTokens.ShapeText, expected);
        }

        findings.StillWorks(layer, shape);
        return findings.Outcome();
    }

    private static CheckOutcome WrongDevice(HarnessContext context, Shape shape)
    {
        // The other device: the CPU for an accelerator run, ILGPU's CPU accelerator for a CPU run.
        using var other = context.Device.IsAccelerator ? null : Device.IlgpuCpu();
        var elsewhere = other ?? Device.Cpu();
        using var layer = CreateLayer(context, shape);
        var findings = new Findings();
        using (var x = Tensor.Zeros(elsewhere, shape.Tokens, shape.InFeatures))
        {
            findings.Expect(() => layer.Forward(x), $"Forward(x {x.ShapeText} on {elsewhere})", x.ShapeText, elsewhere.Name, layer.Device.Name);
        }

        using (var x = Tensor.Zeros(layer.Device, shape.Tokens, shape.InFeatures))
        using (var y = layer.Forward(x))
        using (var dy = Tensor.Zeros(elsewhere, shape.Tokens, shape.OutFeatures))
        {
            findings.Expect(() => layer.Backward(dy), $"Backward(dy {dy.ShapeText} on {elsewhere})", dy.ShapeText, elsewhere.Name, layer.Device.Name);
        }

        findings.StillWorks(layer, shape);
        return findings.Outcome();
    }

    private static QuantLinear CreateLayer(HarnessContext context, Shape shape) =>
        LayerPolicy.Default.Create(shape).MoveTo(context.Device);
}
