namespace QuantDsl.Benchmarks.Onnx;

/// <summary>The one node of a benchmark model: operator, domain ("" = ai.onnx), wiring and integer attributes.</summary>
internal sealed record OnnxNode(string OpType, string Domain, string[] Inputs, string[] Outputs, IReadOnlyDictionary<string, long> IntAttributes);
