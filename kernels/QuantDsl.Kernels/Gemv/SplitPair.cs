using System.Runtime.InteropServices;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// Two consecutive activations of one token, each split into a TF32 high part and the TF32-rounded rest (value ≈
/// high + low to about 22 bits), the 16 bytes a <see cref="SkinnyMmaGemm{TWeights}"/> lane loads per tensor-core step.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct SplitPair
{
    /// <summary>High part of the even-k activation.</summary>
    public float High0;

    /// <summary>Low part of the even-k activation.</summary>
    public float Low0;

    /// <summary>High part of the odd-k activation.</summary>
    public float High1;

    /// <summary>Low part of the odd-k activation.</summary>
    public float Low1;
}
