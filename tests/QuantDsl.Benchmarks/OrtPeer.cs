using Microsoft.ML.OnnxRuntime;
using QuantDsl.Benchmarks.Onnx;

namespace QuantDsl.Benchmarks;

/// <summary>
/// An ONNX Runtime session over a one-node model with one or two fixed inputs bound once
/// (IOBinding to preallocated outputs), so a benchmark call is just the operator run.
/// </summary>
internal sealed class OrtPeer : IDisposable
{
    // The machine has 2 cores; QuantDsl's Parallel.For uses them both, so ORT gets both too.
    private const int IntraOpThreads = 2;

    private readonly InferenceSession session;
    private readonly OrtIoBinding binding;
    private readonly RunOptions runOptions = new();
    private readonly List<OrtValue> values = [];

    public OrtPeer(byte[] model, IReadOnlyList<(string Name, OrtValue Value)> inputs, string outputName, OrtValue output)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session = new InferenceSession(model, options);
        binding = session.CreateIoBinding();
        foreach (var (name, value) in inputs)
        {
            binding.BindInput(name, value);
            values.Add(value);
        }

        binding.BindOutput(outputName, output);
        values.Add(output);
    }

    public static OrtPeer Create(OnnxNode node, IReadOnlyList<OnnxValue> inputs, OnnxValue output, IReadOnlyList<OnnxTensor> initializers,
        IReadOnlyList<OrtValue> inputValues, OrtValue outputValue)
    {
        byte[] model = OnnxModelWriter.Write(node, inputs, [output], initializers);
        var bound = inputs.Select((input, i) => (input.Name, inputValues[i])).ToList();
        return new OrtPeer(model, bound, output.Name, outputValue);
    }

    public void Run() => session.RunWithBinding(runOptions, binding);

    public void Dispose()
    {
        binding.Dispose();
        runOptions.Dispose();
        session.Dispose();
        foreach (var value in values)
        {
            value.Dispose();
        }
    }
}
