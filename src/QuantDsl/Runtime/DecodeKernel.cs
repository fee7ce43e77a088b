namespace QuantDsl.Runtime;

/// <summary>The kernel a weight-only decode product runs on (<see cref="DeviceDecodeGemv"/>).</summary>
public enum DecodeKernel
{
    /// <summary>The CUDA-core GEMV with activations staged in shared memory (<c>Int8Gemv</c>, <c>Fp4Gemv</c>): 1–16 tokens.</summary>
    Staged,

    /// <summary>The one-token int8 GEMV that streams the weights through a <c>cp.async</c> ring (<c>Int8StreamingGemv</c>).</summary>
    Streaming,

    /// <summary>The tensor-core skinny GEMM (<see cref="DeviceSkinnyGemm"/>): 1–16 tokens.</summary>
    TensorCores,
}
