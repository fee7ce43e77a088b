using System.Text;

namespace QuantDsl.Gpu;

/// <summary>Everything the harness prints, to the console and, with <c>--out</c>, to a copy in console.txt.</summary>
public sealed class Log : IDisposable
{
    private readonly StreamWriter? copy;

    /// <summary>A log to the console, copied to <paramref name="copyPath"/> when given.</summary>
    public Log(string? copyPath)
    {
        copy = copyPath is null ? null : new StreamWriter(copyPath, append: false, new UTF8Encoding(false)) { AutoFlush = true };
    }

    /// <summary>Prints a whole line.</summary>
    public void Line(string text = "")
    {
        Console.WriteLine(text);
        copy?.WriteLine(text);
    }

    /// <summary>Prints the start of a line that a later <see cref="Line"/> finishes (progress of a long step).</summary>
    public void Start(string text)
    {
        Console.Write(text);
        Console.Out.Flush();
        copy?.Write(text);
    }

    /// <inheritdoc/>
    public void Dispose() => copy?.Dispose();
}
