namespace QuantDsl.Benchmarks.Onnx;

/// <summary>The TensorProto.DataType codes the benchmark models use (onnx.proto).</summary>
internal enum OnnxDataType
{
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
}
