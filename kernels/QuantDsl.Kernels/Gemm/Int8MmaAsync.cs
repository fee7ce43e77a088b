using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime.Cuda;

namespace QuantDsl.Kernels.Gemm;

/// <summary>
/// Pieces of the tensor-core main loop outside its PTX body: the shared-window address of the kernel's one shared
/// allocation (ILGPU names it <c>__shared_alloca0</c> in PTX, and inline PTX takes its address by name because ILGPU
/// 1.5.3 gives device code no way to turn a view into an address), and the managed twins of <c>cp.async</c> and
/// <c>ldmatrix.x4</c> that the CPU-accelerator path of <see cref="Int8MmaGemm"/> runs, on the same swizzled layout.
/// </summary>
public static class Int8MmaAsync
{
    /// <summary>The shared-window address of the kernel's first shared allocation (0 off CUDA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SharedBase()
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("mov.u32 %0, __shared_alloca0;", out int address);
            return address;
        }

        return 0;
    }

    /// <summary>The shared-window address of the launch's dynamic shared memory (ILGPU's <c>__dyn_shared_alloca</c>; 0 off CUDA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DynamicSharedBase()
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("mov.u32 %0, __dyn_shared_alloca;", out int address);
            return address;
        }

        return 0;
    }

    /// <summary>
    /// Managed <c>cp.async.cg.shared.global</c> of 16 bytes: 4 words of <paramref name="source"/> from
    /// <paramref name="sourceWord"/> to shared byte <paramref name="sharedByte"/>, or zeros when <paramref name="inside"/>
    /// is false (the src-size 0 zero fill).
    /// </summary>
    /// <param name="shared">The shared allocation.</param>
    /// <param name="sharedByte">Destination byte offset, 16-byte aligned.</param>
    /// <param name="source">The global operand.</param>
    /// <param name="sourceWord">Word index of the chunk, a multiple of 4.</param>
    /// <param name="inside">False outside the operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyChunk(ArrayView<int> shared, int sharedByte, ArrayView<int> source, long sourceWord, bool inside)
    {
        int word = sharedByte >> 2;
        shared[word] = inside ? source[sourceWord] : 0;
        shared[word + 1] = inside ? source[sourceWord + 1] : 0;
        shared[word + 2] = inside ? source[sourceWord + 2] : 0;
        shared[word + 3] = inside ? source[sourceWord + 3] : 0;
    }

    /// <summary>
    /// Managed <c>ldmatrix.sync.aligned.m8n8.x4.shared.b16</c>: lanes 8i..8i+7 give the byte offsets of the eight
    /// 16-byte rows of matrix i; register i of lane l receives word l % 4 of row l / 4 of matrix i. Warp-collective.
    /// </summary>
    /// <param name="shared">The shared allocation.</param>
    /// <param name="rowByte">This lane's row byte offset, 16-byte aligned.</param>
    /// <param name="r0">Register of matrix 0.</param>
    /// <param name="r1">Register of matrix 1.</param>
    /// <param name="r2">Register of matrix 2.</param>
    /// <param name="r3">Register of matrix 3.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadMatrixX4(ArrayView<int> shared, int rowByte, out int r0, out int r1, out int r2, out int r3)
    {
        int lane = Warp.LaneIdx;
        int row = lane >> 2;
        int word = lane & 3;
        r0 = shared[(Warp.Shuffle(rowByte, row) >> 2) + word];
        r1 = shared[(Warp.Shuffle(rowByte, 8 + row) >> 2) + word];
        r2 = shared[(Warp.Shuffle(rowByte, 16 + row) >> 2) + word];
        r3 = shared[(Warp.Shuffle(rowByte, 24 + row) >> 2) + word];
    }
}
