using System.Runtime.InteropServices;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// Four consecutive fp32 activations, the 16 bytes a streaming GEMV lane loads at a time (one
/// <c>ld.global.v4.f32</c> through a 16-byte aligned view, as <see cref="WeightVector"/> is for the weights).
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct ActivationVector
{
    /// <summary>Activation 0 (the lowest k).</summary>
    public float X;

    /// <summary>Activation 1.</summary>
    public float Y;

    /// <summary>Activation 2.</summary>
    public float Z;

    /// <summary>Activation 3 (the highest k).</summary>
    public float W;
}
