namespace QuantDsl.Benchmarks.Onnx;

/// <summary>
/// Writes a one-node ONNX model (ModelProto) directly in the protobuf wire format, field numbers from
/// onnx.proto, so that the ONNX Runtime peers run exactly the shapes and weights QuantDsl runs.
/// </summary>
internal static class OnnxModelWriter
{
    // IR version 9 with ai.onnx opset 19: well inside what ONNX Runtime 1.31 loads.
    private const long IrVersion = 9;
    private const long AiOnnxOpset = 19;
    private const long MicrosoftOpset = 1;
    private const long IntAttributeType = 2;

    public static byte[] Write(OnnxNode node, IReadOnlyList<OnnxValue> inputs, IReadOnlyList<OnnxValue> outputs, IReadOnlyList<OnnxTensor> initializers)
    {
        var graph = new ProtoWriter();
        graph.WriteMessage(1, Node(node));
        graph.WriteString(2, "bench");
        foreach (var initializer in initializers)
        {
            graph.WriteMessage(5, Tensor(initializer));
        }

        foreach (var input in inputs)
        {
            graph.WriteMessage(11, ValueInfo(input));
        }

        foreach (var output in outputs)
        {
            graph.WriteMessage(12, ValueInfo(output));
        }

        var model = new ProtoWriter();
        model.WriteInt64(1, IrVersion);
        model.WriteString(2, "QuantDsl.Benchmarks");
        model.WriteMessage(7, graph);
        model.WriteMessage(8, OpsetImport(string.Empty, AiOnnxOpset));
        if (node.Domain.Length > 0)
        {
            model.WriteMessage(8, OpsetImport(node.Domain, MicrosoftOpset));
        }

        return model.ToArray();
    }

    private static ProtoWriter OpsetImport(string domain, long version)
    {
        var opset = new ProtoWriter();
        opset.WriteString(1, domain);
        opset.WriteInt64(2, version);
        return opset;
    }

    private static ProtoWriter Node(OnnxNode node)
    {
        var proto = new ProtoWriter();
        foreach (string input in node.Inputs)
        {
            proto.WriteString(1, input);
        }

        foreach (string output in node.Outputs)
        {
            proto.WriteString(2, output);
        }

        proto.WriteString(3, node.OpType + "_0");
        proto.WriteString(4, node.OpType);
        foreach (var (name, value) in node.IntAttributes)
        {
            var attribute = new ProtoWriter();
            attribute.WriteString(1, name);
            attribute.WriteInt64(3, value);
            attribute.WriteInt64(20, IntAttributeType);
            proto.WriteMessage(5, attribute);
        }

        if (node.Domain.Length > 0)
        {
            proto.WriteString(7, node.Domain);
        }

        return proto;
    }

    private static ProtoWriter Tensor(OnnxTensor tensor)
    {
        var proto = new ProtoWriter();
        foreach (long dim in tensor.Dims)
        {
            proto.WriteInt64(1, dim);
        }

        proto.WriteInt64(2, (long)tensor.Type);
        proto.WriteString(8, tensor.Name);
        proto.WriteBytes(9, tensor.RawData);
        return proto;
    }

    private static ProtoWriter ValueInfo(OnnxValue value)
    {
        var shape = new ProtoWriter();
        foreach (long dim in value.Dims)
        {
            var dimension = new ProtoWriter();
            dimension.WriteInt64(1, dim);
            shape.WriteMessage(1, dimension);
        }

        var tensorType = new ProtoWriter();
        tensorType.WriteInt64(1, (long)value.Type);
        tensorType.WriteMessage(2, shape);
        var type = new ProtoWriter();
        type.WriteMessage(1, tensorType);
        var proto = new ProtoWriter();
        proto.WriteString(1, value.Name);
        proto.WriteMessage(2, type);
        return proto;
    }
}
