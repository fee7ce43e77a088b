// Launch overloads for 1..12 kernel parameters. Written out by hand-run script; kept in sync by review.
using ILGPU;
using ILGPU.Runtime;

namespace QuantDsl.Runtime;

/// <content>Typed launch overloads (ILGPU delegates are typed by arity).</content>
public sealed partial class GpuBackend
{
    /// <summary>Launches an explicitly grouped kernel of 1 parameter on this backend's stream (loaded once, then cached).</summary>
    public void Launch<T1>(Action<T1> kernel, KernelConfig config, T1 arg1)
        where T1 : struct
    {
        var loaded = GetOrLoad(kernel, static (accelerator, entry) => accelerator.LoadKernel(entry));
        loaded(Stream, config, arg1);
    }

    /// <summary>Launches an explicitly grouped kernel of 2 parameters on this backend's stream (loaded once, then cached).</summary>
    public void Launch<T1, T2>(Action<T1, T2> kernel, KernelConfig config, T1 arg1, T2 arg2)
        where T1 : struct
        where T2 : struct
    {
        var loaded = GetOrLoad(kernel, static (accelerator, entry) => accelerator.LoadKernel(entry));
        loaded(Stream, config, arg1, arg2);
    }

    /// <summary>Launches an explicitly grouped kernel of 3 parameters on this backend's stream (loaded once, then cached).</summary>
    public void Launch<T1, T2, T3>(Action<T1, T2, T3> kernel, KernelConfig config, T1 arg1, T2 arg2, T3 arg3)
        where T1 : struct
        where T2 : struct
        where T3 : struct
    {
        var loaded = GetOrLoad(kernel, static (accelerator, entry) => accelerator.LoadKernel(entry));
        loaded(Stream, config, arg1, arg2, arg3);
    }

    /// <summary>Launches an explicitly grouped kernel of 4 parameters on this backend's stream (loaded once, then cached).</summary>
    public void Launch<T1, T2, T3, T4>(Action<T1, T2, T3, T4> kernel, KernelConfig config, T1 arg1, T2 arg2, T3 arg3, T4 arg4)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
    {
        var loaded = GetOrLoad(kernel, static (accelerator, entry) => accelerator.LoadKernel(entry));
        loaded(Stream, config, arg1, arg2, arg3, arg4);
    }

    /// <summary>Launches an explicitly grouped kernel of 5 parameters on this backend's stream (loaded once, then cached).</summary>
    public void Launch<T1, T2, T3, T4, T5>(Action<T1, T2, T3, T4, T5> kernel, KernelConfig config, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
    {
        var loaded = GetOrLoad(kernel, static (accelerator, entry) => accelerator.LoadKernel(entry));
        loaded(Stream, config, arg1, arg2, arg3, arg4, arg5);
    }

    /// <summary>Launches an explicitly grouped kernel of 6 parameters on this backend's stream (loaded once, then cached).</summary>
    public void Launch<T1, T2, T3, T4, T5, T6>(Action<T1, T2, T3, T4, T5, T6> kernel, KernelConfig config, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
        where T6 : struct
    {
        var loaded = GetOrLoad(kernel, static (accelerator, entry) => accelerator.LoadKernel(entry));
        loaded(Stream, config, arg1, arg2, arg3, arg4, arg5, arg6);
    }

    /// <summary>Launches an explicitly grouped kernel of 7 parameters on this backend's stream (loaded once, then cached).</summary>
    public void Launch<T1, T2, T3, T4, T5, T6, T7>(Action<T1, T2, T3, T4, T5, T6, T7> kernel, KernelConfig config, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
        where T6 : struct
        where T7 : struct
    {
        var loaded = GetOrLoad(kernel, static (accelerator, entry) => accelerator.LoadKernel(entry));
        loaded(Stream, config, arg1, arg2, arg3, arg4, arg5, arg6, arg7);
    }

    /// <summary>Launches an explicitly grouped kernel of 8 parameters on this backend's stream (loaded once, then cached).</summary>
    public void Launch<T1, T2, T3, T4, T5, T6, T7, T8>(Action<T1, T2, T3, T4, T5, T6, T7, T8> kernel, KernelConfig config, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
        where T6 : struct
        where T7 : struct
        where T8 : struct
    {
        var loaded = GetOrLoad(kernel, static (accelerator, entry) => accelerator.LoadKernel(entry));
        loaded(Stream, config, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8);
    }

    /// <summary>Launches an explicitly grouped kernel of 9 parameters on this backend's stream (loaded once, then cached).</summary>
    public void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9>(Action<T1, T2, T3, T4, T5, T6, T7, T8, T9> kernel, KernelConfig config, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
        where T6 : struct
        where T7 : struct
        where T8 : struct
        where T9 : struct
    {
        var loaded = GetOrLoad(kernel, static (accelerator, entry) => accelerator.LoadKernel(entry));
        loaded(Stream, config, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9);
    }

    /// <summary>Launches an explicitly grouped kernel of 10 parameters on this backend's stream (loaded once, then cached).</summary>
    public void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> kernel, KernelConfig config, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
        where T6 : struct
        where T7 : struct
        where T8 : struct
        where T9 : struct
        where T10 : struct
    {
        var loaded = GetOrLoad(kernel, static (accelerator, entry) => accelerator.LoadKernel(entry));
        loaded(Stream, config, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10);
    }

    /// <summary>Launches an explicitly grouped kernel of 11 parameters on this backend's stream (loaded once, then cached).</summary>
    public void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> kernel, KernelConfig config, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10, T11 arg11)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
        where T6 : struct
        where T7 : struct
        where T8 : struct
        where T9 : struct
        where T10 : struct
        where T11 : struct
    {
        var loaded = GetOrLoad(kernel, static (accelerator, entry) => accelerator.LoadKernel(entry));
        loaded(Stream, config, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10, arg11);
    }

    /// <summary>Launches an explicitly grouped kernel of 12 parameters on this backend's stream (loaded once, then cached).</summary>
    public void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> kernel, KernelConfig config, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10, T11 arg11, T12 arg12)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
        where T6 : struct
        where T7 : struct
        where T8 : struct
        where T9 : struct
        where T10 : struct
        where T11 : struct
        where T12 : struct
    {
        var loaded = GetOrLoad(kernel, static (accelerator, entry) => accelerator.LoadKernel(entry));
        loaded(Stream, config, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10, arg11, arg12);
    }
}
