namespace TinyGptSample;

/// <summary>Character-level tokenizer: one token per distinct character of the corpus, in ordinal order.</summary>
internal sealed class CharTokenizer
{
    private readonly Dictionary<char, int> ids;

    public CharTokenizer(string text)
    {
        Alphabet = [.. text.Distinct().Order()];
        ids = Alphabet.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
    }

    public char[] Alphabet { get; }

    public int VocabSize => Alphabet.Length;

    public int[] Encode(string text) => [.. text.Select(c => ids[c])];
}
