using ILGPU;

namespace QuantDsl.Kernels.Gpu;

/// <summary>
/// Token + position embedding lookup and its backward. The backward is deterministic: each gradient element is
/// owned by one thread, which adds its rows in ascending row order (the CPU loop's order), so no atomics.
/// </summary>
public static class EmbeddingKernels
{
    /// <summary>Threads per group.</summary>
    public const int Threads = 256;

    /// <summary>Launch shape covering <paramref name="count"/> threads.</summary>
    public static KernelConfig Config(int count) => new((count + Threads - 1) / Threads, Threads);

    /// <summary><c>h[r, j] = tok[tokens[r], j] + pos[r mod context, j]</c>; one thread per element of h [rows × width].</summary>
    public static void Gather(
        ArrayView<int> tokens, ArrayView<float> tok, ArrayView<float> pos, ArrayView<float> h, int rows, int context, int width)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= rows * width)
        {
            return;
        }

        int r = i / width;
        int j = i - (r * width);
        int position = r - ((r / context) * context);
        h[i] = tok[(tokens[r] * width) + j] + pos[(position * width) + j];
    }

    /// <summary>
    /// <c>dTok[v, j] += Σ dh[r, j]</c> over the rows r whose token is v, listed ascending in
    /// <c>rowsByToken[starts[v] .. starts[v + 1])</c>; one thread per element of dTok [vocab × width].
    /// </summary>
    public static void TokenGradient(
        ArrayView<int> starts, ArrayView<int> rowsByToken, ArrayView<float> dh, ArrayView<float> dTok, int vocab, int width)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= vocab * width)
        {
            return;
        }

        int v = i / width;
        int j = i - (v * width);
        float sum = dTok[i];
        int end = starts[v + 1];
        for (int s = starts[v]; s < end; s++)
        {
            sum += dh[(rowsByToken[s] * width) + j];
        }

        dTok[i] = sum;
    }

    /// <summary><c>dPos[p, j] += Σ_b dh[b·context + p, j]</c>; one thread per element of dPos [context × width].</summary>
    public static void PositionGradient(ArrayView<float> dh, ArrayView<float> dPos, int batch, int context, int width)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= context * width)
        {
            return;
        }

        int p = i / width;
        int j = i - (p * width);
        float sum = dPos[i];
        for (int b = 0; b < batch; b++)
        {
            sum += dh[(((b * context) + p) * width) + j];
        }

        dPos[i] = sum;
    }
}
