using ILGPU;

namespace QuantDsl.Kernels.Reductions;

/// <summary>
/// Prefix sums across one thread group of an explicitly grouped ILGPU kernel (Hillis–Steele: ⌈log₂⌉ of the group size
/// steps, each adding the entry <c>step</c> threads back, with barriers between the reads and the writes). The group
/// must be one-dimensional; <c>scratch</c> is shared memory of at least <see cref="Group.DimX"/> ints. Every thread of
/// the group must call it (it contains barriers). The outlier-column compaction and the one-token outlier kernel use it
/// to turn per-thread counts into ascending write positions.
/// </summary>
public static class GroupScan
{
    /// <summary>
    /// The sum of <paramref name="value"/> over threads 0 … <see cref="Group.IdxX"/> of the group (inclusive; subtract
    /// <paramref name="value"/> for this thread's exclusive offset). On return <c>scratch[i]</c> holds thread i's
    /// inclusive sum for every thread i, so <c>scratch[Group.DimX - 1]</c> is the group's total; it stays so until a
    /// thread writes to <paramref name="scratch"/> again, which needs a <see cref="Group.Barrier"/> first.
    /// </summary>
    /// <param name="value">This thread's addend.</param>
    /// <param name="scratch">Shared memory of at least <see cref="Group.DimX"/> ints; its old contents are overwritten.</param>
    public static int InclusiveSum(int value, ArrayView<int> scratch)
    {
        int thread = Group.IdxX;
        scratch[thread] = value;
        Group.Barrier();
        for (int step = 1; step < Group.DimX; step <<= 1)
        {
            // Every read of a step is done before any thread overwrites its entry.
            int add = thread >= step ? scratch[thread - step] : 0;
            Group.Barrier();
            scratch[thread] += add;
            Group.Barrier();
        }

        return scratch[thread];
    }
}
