using Microsoft.CodeAnalysis.Text;

namespace QuantDsl.Generators.Tests.Infrastructure;

/// <summary>
/// C# source with one span marked as <c>[|…|]</c> (the Roslyn test convention): the place a diagnostic
/// must point at. <see cref="Text"/> is the source without the markers.
/// </summary>
public sealed class MarkedSource
{
    private const string Open = "[|";
    private const string Close = "|]";

    private MarkedSource(string text, TextSpan span)
    {
        Text = text;
        Span = span;
    }

    /// <summary>The source without markers, with '\n' line ends.</summary>
    public string Text { get; }

    /// <summary>The marked span in <see cref="Text"/>.</summary>
    public TextSpan Span { get; }

    /// <summary>The marked text.</summary>
    public string MarkedText => Text.Substring(Span.Start, Span.Length);

    /// <summary>Reads the single <c>[|…|]</c> of <paramref name="marked"/>.</summary>
    public static MarkedSource Parse(string marked)
    {
        string normalized = marked.ReplaceLineEndings("\n");
        int open = normalized.IndexOf(Open, StringComparison.Ordinal);
        int close = normalized.IndexOf(Close, StringComparison.Ordinal);
        if (open < 0 || close < open || normalized.IndexOf(Open, open + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("The source must mark exactly one span as [|…|].", nameof(marked));
        }

        string text = normalized.Remove(close, Close.Length).Remove(open, Open.Length);
        return new MarkedSource(text, new TextSpan(open, close - open - Open.Length));
    }
}
