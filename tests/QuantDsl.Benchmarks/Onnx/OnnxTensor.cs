using System.Runtime.InteropServices;

namespace QuantDsl.Benchmarks.Onnx;

/// <summary>A named constant tensor of a model (an initializer): raw little-endian data and its shape.</summary>
internal sealed record OnnxTensor(string Name, OnnxDataType Type, long[] Dims, byte[] RawData)
{
    public static OnnxTensor Of(string name, float[] values, params long[] dims) =>
        new(name, OnnxDataType.Float, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public static OnnxTensor Of(string name, sbyte[] values, params long[] dims) =>
        new(name, OnnxDataType.Int8, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public static OnnxTensor Of(string name, byte[] values, OnnxDataType type, params long[] dims) =>
        new(name, type, dims, values);
}
