using QuantDsl.Tests.Backends;

namespace QuantDsl.Tests.Api;

/// <summary>The caching allocator behind accelerator tensors: reuse is invisible except for its speed.</summary>
[Collection(DeviceCollection.Name)]
public sealed class TensorCacheTests(DeviceFixture devices)
{
    [Fact]
    public void A_reused_buffer_comes_back_zeroed_and_the_cache_can_be_released()
    {
        var device = devices.Get(Backend.IlgpuCpu);
        var gpu = device.Gpu;
        gpu.ReleaseCachedTensorMemory();
        Assert.Equal(0, gpu.CachedTensorBytes);

        var first = Tensor.FromArray(device, [1f, 2f, 3f, 4f, 5f, 6f, 7f], 7);
        first.Dispose();
        Assert.Equal(7 * sizeof(float), gpu.CachedTensorBytes);

        // Same length: the cached buffer is taken (the cache empties) and it reads as zeros, not as the old data.
        using var second = Tensor.Zeros(device, 7);
        Assert.Equal(0, gpu.CachedTensorBytes);
        Assert.All(second.ToArray(), v => Assert.Equal(0f, v));

        // Another length allocates anew and leaves the cache alone.
        Tensor.Zeros(device, 3).Dispose();
        using var other = Tensor.Zeros(device, 5);
        Assert.Equal(3 * sizeof(float), gpu.CachedTensorBytes);
        gpu.ReleaseCachedTensorMemory();
        Assert.Equal(0, gpu.CachedTensorBytes);
        Assert.Equal(new float[5], other.ToArray());
    }

    [Fact]
    public void Disposing_a_tensor_twice_returns_its_buffer_once()
    {
        var device = devices.Get(Backend.IlgpuCpu);
        var gpu = device.Gpu;
        gpu.ReleaseCachedTensorMemory();
        var tensor = Tensor.Zeros(device, 11);
        tensor.Dispose();
        tensor.Dispose();
        Assert.Equal(11 * sizeof(float), gpu.CachedTensorBytes);
        using var a = Tensor.Zeros(device, 11);
        using var b = Tensor.Zeros(device, 11);
        a.CopyFrom([.. Enumerable.Range(0, 11).Select(i => (float)i)]);
        Assert.Equal(new float[11], b.ToArray());
        gpu.ReleaseCachedTensorMemory();
    }
}
