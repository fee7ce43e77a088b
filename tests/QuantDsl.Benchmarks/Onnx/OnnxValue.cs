namespace QuantDsl.Benchmarks.Onnx;

/// <summary>A graph input or output: its name, element type and fixed shape.</summary>
internal sealed record OnnxValue(string Name, OnnxDataType Type, params long[] Dims);
