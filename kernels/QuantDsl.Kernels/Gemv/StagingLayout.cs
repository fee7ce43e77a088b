using System.Runtime.CompilerServices;
using ILGPU;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// Where <see cref="GemvStaging.Stage"/> reads staged code c from and writes it to: vector <c>u = c >> vectorShift</c>,
/// code <c>j = c &amp; (2^vectorShift − 1)</c>; source k offset <c>u·2^sourceShift + j</c>, shared index
/// <c>sharedRow + j·pitch + u</c>.
/// </summary>
/// <param name="SharedRow">Shared index of the token's k = 0.</param>
/// <param name="Pitch">Shared distance between consecutive k of one vector.</param>
/// <param name="VectorShift">log2 of the codes staged per vector.</param>
/// <param name="SourceShift">log2 of the distance in k between consecutive vectors.</param>
/// <param name="Codes">Codes staged.</param>
/// <param name="Limit">K minus the chunk's first k: source offsets at or past it are the zero padding.</param>
internal readonly record struct StagingLayout(int SharedRow, int Pitch, int VectorShift, int SourceShift, int Codes, int Limit)
{
    /// <summary>Staged code <paramref name="c"/> read from <paramref name="x"/>, 0 past K or past the chunk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Load(ArrayView<float> x, long source, int c)
    {
        int offset = ((c >> VectorShift) << SourceShift) | (c & ((1 << VectorShift) - 1));
        return c < Codes && offset < Limit ? x[source + offset] : 0f;
    }

    /// <summary>Stores staged code <paramref name="c"/> at its transposed shared index, if it is in the chunk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ArrayView<float> xs, int c, float value)
    {
        if (c < Codes)
        {
            xs[SharedRow + ((c & ((1 << VectorShift) - 1)) * Pitch) + (c >> VectorShift)] = value;
        }
    }
}
