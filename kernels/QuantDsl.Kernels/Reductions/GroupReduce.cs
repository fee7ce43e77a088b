using ILGPU;

namespace QuantDsl.Kernels.Reductions;

/// <summary>
/// Reductions across one thread group of an explicitly grouped ILGPU kernel: a warp-shuffle tree inside
/// each warp, then one warp over the per-warp partials. The group must be one-dimensional with a size
/// that is a multiple of the warp size; <c>scratch</c> is shared memory of at least one element per warp.
/// Every thread of the group must call it (it contains barriers), and every thread gets the result.
/// </summary>
public static class GroupReduce
{
    /// <summary>The largest warp count a group can have (1024 threads / 32).</summary>
    public const int MaxWarps = 32;

    /// <summary>Maximum of <paramref name="value"/> over the group.</summary>
    public static float Max(float value, ArrayView<float> scratch) => Reduce(value, scratch, default(MaxReduction));

    /// <summary>Sum of <paramref name="value"/> over the group.</summary>
    public static int Sum(int value, ArrayView<int> scratch) => Reduce(value, scratch, default(SumReduction));

    /// <summary>Combines <paramref name="value"/> over the group with <paramref name="reduction"/>.</summary>
    public static T Reduce<T, TReduction>(T value, ArrayView<T> scratch, TReduction reduction)
        where T : unmanaged
        where TReduction : struct, IGroupReduction<T>
    {
        value = WarpReduce(value, reduction);
        if (Warp.IsFirstLane)
        {
            scratch[Warp.WarpIdx] = value;
        }

        Group.Barrier();
        if (Warp.WarpIdx == 0)
        {
            int warps = Group.DimX / Warp.WarpSize;
            T partial = Warp.LaneIdx < warps ? scratch[Warp.LaneIdx] : reduction.Identity;
            partial = WarpReduce(partial, reduction);
            if (Warp.IsFirstLane)
            {
                scratch[0] = partial;
            }
        }

        Group.Barrier();
        T result = scratch[0];
        Group.Barrier(); // scratch may be reused as soon as this returns
        return result;
    }

    /// <summary>Combines over the warp; the first lane holds the result.</summary>
    public static T WarpReduce<T, TReduction>(T value, TReduction reduction)
        where T : unmanaged
        where TReduction : struct, IGroupReduction<T>
    {
        for (int offset = Warp.WarpSize / 2; offset > 0; offset >>= 1)
        {
            value = reduction.Combine(value, Warp.ShuffleDown(value, offset));
        }

        return value;
    }
}
