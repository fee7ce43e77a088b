using ILGPU;

namespace QuantDsl.Kernels.Reductions;

/// <summary>
/// "Last group to arrive" for kernels that finish a grid-wide job in the same launch (the int8 GEMM's K-split totals,
/// the outlier-column compaction): each group fences its global writes, one thread takes a ticket, and the group that
/// holds the last ticket resets the counter — so it is zero again for the next launch — and may then read what every
/// other group wrote. No group waits for another, so it cannot deadlock whatever the residency.
/// </summary>
public static class LastGroupTicket
{
    /// <summary>
    /// Called by every thread of the group after its global writes: whether this group is the last of
    /// <paramref name="arrivals"/> to arrive at counter <paramref name="index"/>. Uniform over the group.
    /// </summary>
    /// <param name="tickets">Arrival counters, zero between launches.</param>
    /// <param name="index">The counter of this job (the same for every group that shares it).</param>
    /// <param name="arrivals">Groups that arrive at this counter in one launch.</param>
    /// <param name="shared">Any shared memory of the group; its first element carries the answer to every thread and is
    /// free again when this returns.</param>
    public static bool Arrive(ArrayView<int> tickets, int index, int arrivals, ArrayView<int> shared)
    {
        // Every thread's writes are visible device-wide before the group's ticket is taken.
        MemoryFence.DeviceLevel();
        Group.Barrier();
        if (Group.IsFirstThread)
        {
            bool last = Atomic.Add(ref tickets[index], 1) == arrivals - 1;
            if (last)
            {
                // Every other group has arrived: no one else touches this counter in this launch.
                tickets[index] = 0;
            }

            shared[0] = last ? 1 : 0;
        }

        Group.Barrier();
        bool isLast = shared[0] != 0;

        // The caller may reuse shared[0] once every thread has read it.
        Group.Barrier();
        if (isLast)
        {
            MemoryFence.DeviceLevel();
        }

        return isLast;
    }
}
