using System.Runtime.CompilerServices;

namespace QuantDsl.Kernels.Gemv;

/// <summary>Word access of a <see cref="WeightVector"/> by a constant index (folds to a register after inlining).</summary>
internal static class SkinnyWords
{
    /// <summary>Word <paramref name="index"/> (0–3) of <paramref name="vector"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Word(WeightVector vector, int index) => index switch
    {
        0 => vector.X,
        1 => vector.Y,
        2 => vector.Z,
        _ => vector.W,
    };
}
