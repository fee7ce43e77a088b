using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime.Cuda;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// The Ampere-level data movement of the tensor-core main loop, each as inline PTX with a managed twin for ILGPU's CPU
/// accelerator: 16-byte <c>cp.async.cg.shared.global</c> (zero-filling when the chunk lies outside the operand), its
/// commit / wait groups, and <c>ldmatrix.x4</c>. Shared-memory addresses are byte offsets into the kernel's one shared
/// allocation: ILGPU names it <c>__shared_alloca0</c> in PTX (the first static shared allocation of the kernel), and
/// inline PTX takes its address by name, because ILGPU 1.5.3 gives device code no way to turn a view into an address.
/// The managed twins index the same allocation as a view (a byte offset / 4), so one kernel runs on both.
/// </summary>
public static class Int8MmaAsync
{
    /// <summary>
    /// The shared-window address of the kernel's first shared allocation (0 off CUDA, where offsets index the view).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SharedBase()
    {
        if (CudaAsm.IsSupported)
        {
            Output<int> address = default;
            CudaAsm.EmitRef("mov.u32 %0, __shared_alloca0;", ref address);
            return address.Value;
        }

        return 0;
    }

    /// <summary>
    /// Starts copying 16 bytes (4 words) from <paramref name="source"/>[<paramref name="sourceWord"/>] to shared byte
    /// <paramref name="sharedByte"/>; writes zeros instead when <paramref name="inside"/> is false.
    /// </summary>
    /// <param name="shared">The shared allocation (managed twin).</param>
    /// <param name="sharedBase">Its address from <see cref="SharedBase"/>.</param>
    /// <param name="sharedByte">Destination byte offset in it, 16-byte aligned.</param>
    /// <param name="source">The global operand (managed twin).</param>
    /// <param name="sourceAddress">Device address of <paramref name="source"/>[0].</param>
    /// <param name="sourceWord">Word index of the chunk, a multiple of 4.</param>
    /// <param name="inside">False outside the operand: the chunk reads as zero.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyChunk(
        ArrayView<int> shared, int sharedBase, int sharedByte, ArrayView<int> source, long sourceAddress, long sourceWord, bool inside)
    {
        if (CudaAsm.IsSupported)
        {
            // Outside: src-size 0 zero-fills and reads nothing; the base address keeps the operand valid anyway.
            Input<int> destination = sharedBase + sharedByte;
            Input<long> from = inside ? sourceAddress + (sourceWord * 4) : sourceAddress;
            Input<int> size = inside ? 16 : 0;
            CudaAsm.EmitRef(
                "{ .reg .u32 d; .reg .u64 s; mov.b32 d, %0; mov.b64 s, %1; cp.async.cg.shared.global [d], [s], 16, %2; }",
                ref destination,
                ref from,
                ref size);
            return;
        }

        int word = sharedByte >> 2;
        shared[word] = inside ? source[sourceWord] : 0;
        shared[word + 1] = inside ? source[sourceWord + 1] : 0;
        shared[word + 2] = inside ? source[sourceWord + 2] : 0;
        shared[word + 3] = inside ? source[sourceWord + 3] : 0;
    }

    /// <summary>Closes this thread's current group of copies (<c>cp.async.commit_group</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Commit()
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("cp.async.commit_group;");
        }
    }

    /// <summary>Waits until at most one of this thread's groups is still in flight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WaitPending1()
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("cp.async.wait_group 1;");
        }
    }

    /// <summary>Waits until at most two of this thread's groups are still in flight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WaitPending2()
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("cp.async.wait_group 2;");
        }
    }

    /// <summary>Waits for all of this thread's copies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WaitAll()
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("cp.async.wait_all;");
        }
    }

    /// <summary>
    /// <c>ldmatrix.sync.aligned.m8n8.x4.shared.b16</c>: lanes 8i..8i+7 give the byte offsets of the eight 16-byte rows of
    /// matrix i; register i of lane l receives word l % 4 of row l / 4 of matrix i. Warp-collective.
    /// </summary>
    /// <param name="shared">The shared allocation (managed twin).</param>
    /// <param name="sharedBase">Its address from <see cref="SharedBase"/>.</param>
    /// <param name="rowByte">This lane's row byte offset, 16-byte aligned.</param>
    /// <param name="r0">Register of matrix 0.</param>
    /// <param name="r1">Register of matrix 1.</param>
    /// <param name="r2">Register of matrix 2.</param>
    /// <param name="r3">Register of matrix 3.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadMatrixX4(ArrayView<int> shared, int sharedBase, int rowByte, out int r0, out int r1, out int r2, out int r3)
    {
        if (CudaAsm.IsSupported)
        {
            Output<int> o0 = default, o1 = default, o2 = default, o3 = default;
            Input<int> address = sharedBase + rowByte;
            CudaAsm.EmitRef(
                "{ .reg .u32 a; mov.b32 a, %4; ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0,%1,%2,%3}, [a]; }",
                ref o0,
                ref o1,
                ref o2,
                ref o3,
                ref address);
            r0 = o0.Value;
            r1 = o1.Value;
            r2 = o2.Value;
            r3 = o3.Value;
            return;
        }

        int lane = Warp.LaneIdx;
        int row = lane >> 2;
        int word = lane & 3;
        r0 = shared[(Warp.Shuffle(rowByte, row) >> 2) + word];
        r1 = shared[(Warp.Shuffle(rowByte, 8 + row) >> 2) + word];
        r2 = shared[(Warp.Shuffle(rowByte, 16 + row) >> 2) + word];
        r3 = shared[(Warp.Shuffle(rowByte, 24 + row) >> 2) + word];
    }
}
