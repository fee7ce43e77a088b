using QuantDsl.Kernels.Gpu;

namespace QuantDsl.Training;

/// <summary>Shape/device checks and the residual adds shared by the training modules (one code path per device kind).</summary>
internal static class TrainingTensors
{
    /// <summary>Throws when <paramref name="tensor"/> is not a [rows × <paramref name="cols"/>] matrix on <paramref name="device"/>.</summary>
    public static void CheckMatrix(Tensor tensor, int cols, Device device, string owner, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (tensor.Device != device)
        {
            throw new ArgumentException(
                $"{owner}: {name} {tensor.ShapeText} is on {tensor.Device} but the module is on {device}; copy it with {name}.To(device).", name);
        }

        if (tensor.Rank != 2 || tensor.Shape[1] != cols)
        {
            throw new ArgumentException($"{owner} expects {name} of shape [rows, {cols}] but got {tensor.ShapeText}.", name);
        }
    }

    /// <summary>Throws unless <paramref name="a"/> and <paramref name="b"/> have one shape and one device.</summary>
    public static void CheckSame(Tensor a, Tensor b, string operation)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Device != b.Device || !a.Shape.SequenceEqual(b.Shape))
        {
            throw new ArgumentException($"{operation}: {a} and {b} differ in shape or device.");
        }
    }

    /// <summary><c>a + b</c> into a new tensor on their device.</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        CheckSame(a, b, "residual add");
        var result = Tensor.Zeros(a.Device, [.. a.Shape]);
        if (a.Device.IsAccelerator)
        {
            a.Device.Gpu.Launch(ElementwiseKernels.Add, ElementwiseKernels.Config(a.Length), a.View, b.View, result.View, a.Length);
        }
        else
        {
            var x = a.HostData;
            var y = b.HostData;
            var z = result.HostData;
            for (int i = 0; i < z.Length; i++)
            {
                z[i] = x[i] + y[i];
            }
        }

        return result;
    }

    /// <summary><c>target += addend</c>.</summary>
    public static void AddInPlace(Tensor target, Tensor addend)
    {
        CheckSame(target, addend, "residual add");
        if (target.Device.IsAccelerator)
        {
            target.Device.Gpu.Launch(ElementwiseKernels.AddInPlace, ElementwiseKernels.Config(target.Length), target.View, addend.View, target.Length);
        }
        else
        {
            var x = target.HostData;
            var y = addend.HostData;
            for (int i = 0; i < x.Length; i++)
            {
                x[i] += y[i];
            }
        }

        target.MarkModified();
    }

    /// <summary>Disposes what <paramref name="field"/> held and stores <paramref name="value"/> (saved activations of the next step).</summary>
    public static Tensor Replace(ref Tensor? field, Tensor value)
    {
        field?.Dispose();
        field = value;
        return value;
    }
}
