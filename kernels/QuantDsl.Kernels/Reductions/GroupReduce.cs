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
    public static float Max(float value, ArrayView<float> scratch)
    {
        value = WarpMax(value);
        if (Warp.IsFirstLane)
        {
            scratch[Warp.WarpIdx] = value;
        }

        Group.Barrier();
        if (Warp.WarpIdx == 0)
        {
            int warps = Group.DimX / Warp.WarpSize;
            float partial = Warp.LaneIdx < warps ? scratch[Warp.LaneIdx] : float.NegativeInfinity;
            partial = WarpMax(partial);
            if (Warp.IsFirstLane)
            {
                scratch[0] = partial;
            }
        }

        Group.Barrier();
        float result = scratch[0];
        Group.Barrier(); // scratch may be reused as soon as this returns
        return result;
    }

    /// <summary>Sum of <paramref name="value"/> over the group.</summary>
    public static int Sum(int value, ArrayView<int> scratch)
    {
        value = WarpSum(value);
        if (Warp.IsFirstLane)
        {
            scratch[Warp.WarpIdx] = value;
        }

        Group.Barrier();
        if (Warp.WarpIdx == 0)
        {
            int warps = Group.DimX / Warp.WarpSize;
            int partial = Warp.LaneIdx < warps ? scratch[Warp.LaneIdx] : 0;
            partial = WarpSum(partial);
            if (Warp.IsFirstLane)
            {
                scratch[0] = partial;
            }
        }

        Group.Barrier();
        int result = scratch[0];
        Group.Barrier();
        return result;
    }

    /// <summary>Maximum over the warp; the first lane holds the result.</summary>
    public static float WarpMax(float value)
    {
        for (int offset = Warp.WarpSize / 2; offset > 0; offset >>= 1)
        {
            value = IntrinsicMath.Max(value, Warp.ShuffleDown(value, offset));
        }

        return value;
    }

    /// <summary>Sum over the warp; the first lane holds the result.</summary>
    public static int WarpSum(int value)
    {
        for (int offset = Warp.WarpSize / 2; offset > 0; offset >>= 1)
        {
            value += Warp.ShuffleDown(value, offset);
        }

        return value;
    }
}
