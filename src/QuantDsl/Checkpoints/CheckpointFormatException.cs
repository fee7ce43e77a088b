namespace QuantDsl.Checkpoints;

/// <summary>A checkpoint file is truncated, malformed, hostile or does not match the model; nothing was loaded.</summary>
public sealed class CheckpointFormatException : Exception
{
    /// <summary>Creates the exception with a message that says what is wrong and where.</summary>
    public CheckpointFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public CheckpointFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public CheckpointFormatException()
        : base("The checkpoint is not a valid safetensors file.")
    {
    }
}
