using QuantDsl.Oracle;
using QuantDsl.Tests.Backends;
using QuantDsl.Tests.Layers;

namespace QuantDsl.Tests.Api;

/// <summary>Shape, device and lifetime mistakes throw with the shapes and devices named, and change nothing.</summary>
[Collection(DeviceCollection.Name)]
public sealed class InputValidationTests(DeviceFixture devices)
{
    [Fact]
    public void Forward_rejects_a_wrong_feature_count_naming_both_shapes()
    {
        using var layer = new OutlierLayer(100, 8);
        using var x = Tensor.Zeros(Device.Cpu(), 4, 99);

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(x));

        Assert.Contains("[tokens, 100]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[4, 99]", error.Message, StringComparison.Ordinal);
        Assert.Equal("x", error.ParamName);
    }

    [Fact]
    public void Forward_rejects_a_tensor_of_the_wrong_rank()
    {
        using var layer = new OutlierLayer(16, 8);
        using var x = Tensor.Zeros(Device.Cpu(), 16);

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(x));

        Assert.Contains("[16]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_rejects_a_gradient_whose_shape_does_not_match_the_last_forward()
    {
        using var layer = new OutlierLayer(16, 8);
        using var x = Tensor.Zeros(Device.Cpu(), 5, 16);
        using var y = layer.Forward(x);
        using var dy = Tensor.Zeros(Device.Cpu(), 4, 8);

        var error = Assert.Throws<ArgumentException>(() => layer.Backward(dy));

        Assert.Contains("[5, 8]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[4, 8]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_before_any_forward_says_what_is_missing()
    {
        using var layer = new OutlierLayer(16, 8);
        using var dy = Tensor.Zeros(Device.Cpu(), 4, 8);

        var error = Assert.Throws<InvalidOperationException>(() => layer.Backward(dy));

        Assert.Contains("Forward", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_refuses_an_input_modified_after_its_forward()
    {
        using var layer = new OutlierLayer(16, 8);
        using var x = Tensor.Zeros(Device.Cpu(), 2, 16);
        using var y = layer.Forward(x);
        x.CopyFrom(new float[32]);
        using var dy = Tensor.Zeros(Device.Cpu(), 2, 8);

        var error = Assert.Throws<InvalidOperationException>(() => layer.Backward(dy));

        Assert.Contains("modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_on_another_device_is_rejected_naming_both_devices()
    {
        var accelerator = devices.Get(Backend.IlgpuCpu);
        using var layer = new OutlierLayer(16, 8).To(accelerator);
        using var x = Tensor.Zeros(Device.Cpu(), 2, 16);

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(x));

        Assert.Contains(Device.Cpu().Name, error.Message, StringComparison.Ordinal);
        Assert.Contains(accelerator.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 16]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensor_construction_checks_length_against_shape()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[10], 3, 4));
        Assert.Contains("[3, 4]", error.Message, StringComparison.Ordinal);
        Assert.Contains("10", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(Device.Cpu(), 3, 0));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(Device.Cpu()));
    }

    [Fact]
    public void Layer_sizes_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutlierLayer(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutlierLayer(4, -1));
    }

    [Fact]
    public void A_host_view_of_an_accelerator_tensor_is_refused_with_advice()
    {
        using var tensor = Tensor.Zeros(devices.Get(Backend.IlgpuCpu), 2, 2);

        var error = Assert.Throws<InvalidOperationException>(() => tensor.HostData);

        Assert.Contains("ToArray", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensors_copy_between_devices_explicitly_and_round_trip()
    {
        var data = Inputs.Normal(12, seed: 1);
        using var host = Tensor.FromArray(data, 3, 4);
        using var onAccelerator = host.To(devices.Get(Backend.IlgpuCpu));
        using var copy = onAccelerator.To(onAccelerator.Device);
        using var back = copy.To(Device.Cpu());

        Assert.Equal(data, back.ToArray());
        Assert.Equal([3, 4], back.Shape);
        Assert.NotSame(onAccelerator, copy);
    }

    [Fact]
    public void A_disposed_device_refuses_new_tensors()
    {
        var device = Device.IlgpuCpu();
        device.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Tensor.Zeros(device, 2, 2));
    }

    [Fact]
    public void Cuda_is_either_usable_or_refused_with_a_clear_message()
    {
        if (Device.IsCudaAvailable)
        {
            using var cuda = Device.Cuda();
            Assert.Equal(DeviceKind.Cuda, cuda.Kind);
            return;
        }

        var error = Assert.Throws<InvalidOperationException>(() => Device.Cuda());
        Assert.Contains("Device.Auto()", error.Message, StringComparison.Ordinal);
    }
}
