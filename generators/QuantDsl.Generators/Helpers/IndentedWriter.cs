using System;
using System.Text;

namespace QuantDsl.Generators.Helpers;

/// <summary>Builds C# source text line by line with four-space indentation and '\n' line ends.</summary>
internal sealed class IndentedWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder builder = new();
    private int depth;

    /// <summary>Writes one line at the current depth (an empty line has no trailing spaces).</summary>
    public IndentedWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            for (int i = 0; i < depth; i++)
            {
                builder.Append(IndentUnit);
            }

            builder.Append(text);
        }

        builder.Append('\n');
        return this;
    }

    /// <summary>Writes each line of a multi-line block at the current depth, keeping its relative indentation.</summary>
    public IndentedWriter Lines(string block)
    {
        foreach (string line in block.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line.TrimEnd());
        }

        return this;
    }

    /// <summary>Writes <c>{</c>, indents until the returned scope is disposed, then writes <c>}</c> plus <paramref name="closingSuffix"/>.</summary>
    public Scope Block(string closingSuffix = "")
    {
        Line("{");
        depth++;
        return new Scope(this, closingSuffix);
    }

    public override string ToString() => builder.ToString();

    /// <summary>Closes a block opened by <see cref="Block"/>.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly IndentedWriter writer;
        private readonly string suffix;

        public Scope(IndentedWriter writer, string suffix)
        {
            this.writer = writer;
            this.suffix = suffix;
        }

        public void Dispose()
        {
            writer.depth--;
            writer.Line("}" + suffix);
        }
    }
}
