using QuantDsl;
using QuickStart;

using var device = Device.Auto();
using var layer = new OutlierProjection(256, 128, seed: 1).To(device);
var x = new float[64 * 256];
var random = new Random(2);
for (int i = 0; i < x.Length; i++)
{
    x[i] = (float)(random.NextDouble() * 2 - 1);
}

using var input = Tensor.FromArray(device, x, 64, 256);
using var y = layer.Forward(input);
Console.WriteLine($"{layer} -> {y}");
