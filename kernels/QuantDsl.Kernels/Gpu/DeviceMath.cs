using ILGPU;

namespace QuantDsl.Kernels.Gpu;

/// <summary>
/// exp and log for kernels, through the base-2 intrinsics: ILGPU 1.5.3's PTX backend has no ExpF/LogF of its own
/// (they need ILGPU.Algorithms) but lowers Exp2/Log2 to <c>ex2.approx</c>/<c>lg2.approx</c> (about 2 ulp); the CPU
/// accelerator runs the managed versions.
/// </summary>
public static class DeviceMath
{
    private const float Log2E = 1.44269504f;
    private const float Ln2 = 0.693147181f;

    /// <summary>e^x.</summary>
    public static float Exp(float x) => IntrinsicMath.CPUOnly.Exp2(x * Log2E);

    /// <summary>ln x.</summary>
    public static float Log(float x) => IntrinsicMath.CPUOnly.Log2(x) * Ln2;
}
