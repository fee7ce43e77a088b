using QuantDsl.Runtime;

namespace QuantDsl;

/// <summary>
/// Base of quantized linear layers, <c>Y = X·Wᵀ + b</c> with X [tokens × in], W [out × in] (one row per
/// output channel, as in PyTorch's <c>nn.Linear</c>) and Y [tokens × out]. A <c>partial</c> subclass
/// carries a quantization attribute such as <see cref="Int8OutliersAttribute"/>; the QuantDsl source
/// generator writes its <see cref="ForwardCore"/> and <see cref="BackwardCore"/> for every device kind.
/// </summary>
/// <example>
/// <code>
/// [Int8Outliers(Threshold = 6f)]
/// public sealed partial class Proj : QuantLinear
/// {
///     public Proj(int inFeatures, int outFeatures) : base(inFeatures, outFeatures) { }
/// }
/// </code>
/// </example>
public abstract class QuantLinear : IDisposable
{
    private readonly LayerWorkspace workspace = new();
    private Tensor? savedInput;
    private int savedInputVersion;
    private bool disposed;

    /// <summary>Creates the layer on the CPU with PyTorch's default initialization, U(−1/√in, 1/√in), from <paramref name="seed"/>.</summary>
    /// <param name="inFeatures">Input features (K).</param>
    /// <param name="outFeatures">Output features (N).</param>
    /// <param name="bias">Whether the layer adds a learned bias.</param>
    /// <param name="seed">Seed of the deterministic initialization.</param>
    protected QuantLinear(int inFeatures, int outFeatures, bool bias = true, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Device = Device.Cpu();

        var random = new Random(seed);
        float bound = 1f / MathF.Sqrt(inFeatures);
        Weight = new Parameter("weight", Tensor.FromArray(Uniform(random, outFeatures * inFeatures, bound), outFeatures, inFeatures));
        Bias = bias ? new Parameter("bias", Tensor.FromArray(Uniform(random, outFeatures, bound), outFeatures)) : null;
    }

    /// <summary>Input features.</summary>
    public int InFeatures { get; }

    /// <summary>Output features.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight, [out × in], float32 master copy.</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, [out], or null for a layer without one.</summary>
    public Parameter? Bias { get; }

    /// <summary>The device the parameters are on and the kernels run on.</summary>
    public Device Device { get; private set; }

    /// <summary>The effective policy of the attribute this layer was generated from, every argument spelled out, e.g. <c>[Int8Outliers(Threshold = 6, OutlierWeightsFromInt8 = false)]</c>.</summary>
    public abstract string Policy { get; }

    /// <summary>The largest <see cref="InFeatures"/> the policy computes exactly (int32 accumulation bound).</summary>
    protected virtual int MaxInFeatures => int.MaxValue;

    /// <summary>The layer's workspace on its current device.</summary>
    protected LayerWorkspace Workspace => workspace;

    /// <summary>The input of the last <see cref="Forward"/>, kept for <see cref="Backward"/>.</summary>
    protected Tensor SavedInput => savedInput ?? throw new InvalidOperationException(
        $"{GetType().Name}.Backward needs the input of a Forward call first.");

    /// <summary>Moves the parameters (and gradients) to <paramref name="device"/> and drops cached quantized weights.</summary>
    /// <returns>This layer.</returns>
    public QuantLinear MoveTo(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        ThrowIfDisposed();
        device.ThrowIfDisposed();
        if (device == Device)
        {
            return this;
        }

        workspace.Clear();
        savedInput = null;
        Weight.MoveTo(device);
        Bias?.MoveTo(device);
        Device = device;
        return this;
    }

    /// <summary>Computes <c>Y = X·Wᵀ + b</c> with the layer's quantization policy.</summary>
    /// <param name="x">Input [tokens × in] on the layer's device.</param>
    /// <returns>Output [tokens × out] on the layer's device.</returns>
    /// <exception cref="ArgumentException">Wrong shape or device.</exception>
    /// <exception cref="NonFiniteValueException">x holds NaN or ±∞.</exception>
    public Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        ThrowIfDisposed();
        CheckDevice(x, "x");
        if (x.Rank != 2 || x.Shape[1] != InFeatures)
        {
            throw new ArgumentException(
                $"{Describe()} expects x of shape [tokens, {InFeatures}] but got {x.ShapeText}.", nameof(x));
        }

        if (InFeatures > MaxInFeatures)
        {
            throw new InvalidOperationException(
                $"{Describe()}: {Policy} accumulates in int32 exactly only up to {MaxInFeatures} input features; this layer has {InFeatures}.");
        }

        // Every generated forward writes each output element (its GEMM epilogue stores them all), so no zero fill.
        var y = Tensor.ForOutput(Device, x.Shape[0], OutFeatures);
        try
        {
            ForwardCore(CreateContext(), x, y);
        }
        catch
        {
            y.Dispose();

            // A kernel that leaves its workspace zero may not have run (failed launch or load).
            workspace.ForgetKeptZero();
            throw;
        }

        savedInput = x;
        savedInputVersion = x.Version;
        return y;
    }

    /// <summary>
    /// Back-propagates <paramref name="dy"/> through the last <see cref="Forward"/>: returns dX and adds
    /// dW and db to the gradients of parameters that require them.
    /// </summary>
    /// <param name="dy">Output gradient [tokens × out] of the last forward's tokens, on the layer's device.</param>
    /// <returns>The input gradient [tokens × in].</returns>
    /// <exception cref="ArgumentException">Wrong shape or device.</exception>
    /// <exception cref="NonFiniteValueException">dy holds NaN or ±∞ (no gradient was changed).</exception>
    public Tensor Backward(Tensor dy)
    {
        ArgumentNullException.ThrowIfNull(dy);
        ThrowIfDisposed();
        var x = SavedInput;
        if (x.Version != savedInputVersion)
        {
            throw new InvalidOperationException(
                $"{Describe()}: the input {x.ShapeText} of the last Forward was modified after it; run Forward again before Backward.");
        }

        CheckDevice(dy, "dy");
        if (dy.Rank != 2 || dy.Shape[0] != x.Shape[0] || dy.Shape[1] != OutFeatures)
        {
            throw new ArgumentException(
                $"{Describe()} expects dy of shape [{x.Shape[0]}, {OutFeatures}] (the last forward's tokens × out) but got {dy.ShapeText}.",
                nameof(dy));
        }

        var context = CreateContext();
        context.ThrowIfNonFinite(context.CountNonFinite(dy), "output gradient dy", dy, "no gradient was computed or accumulated.");
        if (Weight.RequiresGrad)
        {
            Weight.EnsureGrad();
        }

        if (Bias is { RequiresGrad: true })
        {
            Bias.EnsureGrad();
        }

        var dx = Tensor.Zeros(Device, x.Shape[0], InFeatures);
        try
        {
            BackwardCore(context, dy, dx);
        }
        catch
        {
            dx.Dispose();
            workspace.ForgetKeptZero();
            throw;
        }

        Weight.Grad?.MarkModified();
        Bias?.Grad?.MarkModified();
        return dx;
    }

    /// <summary>Zeroes the gradients of the weight and bias.</summary>
    public void ZeroGrad()
    {
        Weight.ZeroGrad();
        Bias?.ZeroGrad();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Describe()} {Policy} on {Device}";

    /// <summary>
    /// The generated quantized forward: writes every element of <paramref name="y"/> [tokens × out] from <paramref name="x"/>
    /// (on an accelerator y arrives uninitialized).
    /// </summary>
    protected abstract void ForwardCore(QuantContext context, Tensor x, Tensor y);

    /// <summary>The generated backward: fills <paramref name="dx"/>, accumulates into the gradients that exist.</summary>
    protected abstract void BackwardCore(QuantContext context, Tensor dy, Tensor dx);

    /// <summary>Releases device memory held by the layer.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (disposing)
        {
            workspace.Dispose();
            Weight.Dispose();
            Bias?.Dispose();
        }
    }

    private static float[] Uniform(Random random, int count, float bound)
    {
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = ((float)random.NextDouble() * 2f - 1f) * bound;
        }

        return values;
    }

    private QuantContext CreateContext() => new(Device, workspace, GetType().Name);

    private string Describe() => $"{GetType().Name}({InFeatures} → {OutFeatures})";

    private void CheckDevice(Tensor tensor, string name)
    {
        if (tensor.Device != Device)
        {
            throw new ArgumentException(
                $"{name} {tensor.ShapeText} is on {tensor.Device} but {Describe()} is on {Device}; copy it with {name}.To(layer.Device).",
                name);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
