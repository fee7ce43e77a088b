using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime.Cuda;
using QuantDsl.Kernels.Gemm;

namespace QuantDsl.Kernels.Gemv;

/// <summary>
/// The asynchronous weight copies of the streaming GEMV (<see cref="Int8StreamingGemv"/>):
/// on CUDA, 16-byte <c>cp.async.cg</c> from global memory into the warp's shared ring (bypassing L1 and registers) with
/// one commit group per step; off CUDA (ILGPU's CPU accelerator), plain copies and no-op groups, which compute the same
/// result because each lane reads back only the slots it wrote itself.
/// </summary>
internal static class StreamingCopy
{
    /// <summary>Ring slots per warp (see <see cref="Int8StreamingGemv.SlotsPerWarp"/>).</summary>
    public const int SlotsPerWarp = 16;

    /// <summary>The shared-window byte address of ring vector <paramref name="ringIndex"/> (the ring is the kernel's first shared allocation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RingAddress(int ringIndex) => Int8MmaAsync.SharedBase() + (ringIndex * 16);

    /// <summary>Starts the copy of weight vector <paramref name="vector"/> into ring vector <paramref name="ringIndex"/> (byte address <paramref name="ringByte"/>).</summary>
    /// <param name="ring">The ring (managed path).</param>
    /// <param name="vectors">The weights as 16-byte vectors (managed path).</param>
    /// <param name="weightsAddress">Device address of the weights (CUDA path).</param>
    /// <param name="ringIndex">Destination ring vector.</param>
    /// <param name="ringByte">Its shared-window byte address.</param>
    /// <param name="vector">Source vector index.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Vector(ArrayView<WeightVector> ring, ArrayView<WeightVector> vectors, long weightsAddress, int ringIndex, int ringByte, long vector)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("cp.async.cg.shared.global [%0], [%1], 16;", ringByte, weightsAddress + (vector * 16));
        }
        else
        {
            ring[ringIndex] = vectors[vector];
        }
    }

    /// <summary>Closes this lane's copy group of one step (possibly empty, so every lane counts the same groups).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Commit()
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("cp.async.commit_group;");
        }
    }

    /// <summary>
    /// Waits until at most <paramref name="stages"/> − 1 of this lane's copy groups are pending (PTX wants the count as
    /// an immediate; stages is a specialized constant at every call, so only one branch remains).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Wait(int stages)
    {
        if (!CudaAsm.IsSupported)
        {
            return;
        }

        if (stages == 16)
        {
            CudaAsm.Emit("cp.async.wait_group 15;");
        }
        else if (stages == 8)
        {
            CudaAsm.Emit("cp.async.wait_group 7;");
        }
        else if (stages == 4)
        {
            CudaAsm.Emit("cp.async.wait_group 3;");
        }
        else
        {
            CudaAsm.Emit("cp.async.wait_all;");
        }
    }
}
