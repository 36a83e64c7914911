using System.Buffers;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// A set of words and short phrases found as whole words, case-insensitively: a vectorized search for any entry,
/// then a check that the entry found both starts and ends at a word boundary (so "ai" does not match "aim" or
/// "said", "bot" not "bottle"). Entries that start with a CJK or kana character match anywhere, as those scripts
/// do not separate words with spaces. Lookups allocate nothing.
/// </summary>
internal sealed class WordSet
{
    private readonly SearchValues<string> _search;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private readonly int _longest;

    public WordSet(string[] entries)
    {
        var words = entries.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        _search = SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);
        _exact = new HashSet<string>(words, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _longest = words.Max(w => w.Length);
    }

    /// <summary>Whether <paramref name="word"/> is an entry.</summary>
    public bool Is(ReadOnlySpan<char> word) => _exact.Contains(word);

    /// <summary>Whether some entry occurs in <paramref name="text"/> as a whole word.</summary>
    public bool InSentence(ReadOnlySpan<char> text)
    {
        for (var at = 0; at < text.Length;)
        {
            var k = text[at..].IndexOfAny(_search);
            if (k < 0) return false;
            var s = at + k;
            if ((s == 0 || !char.IsLetterOrDigit(text[s - 1])) && EndsAtBoundary(text, s)) return true;
            at = s + 1;
        }
        return false;
    }

    /// <summary>The start of the first whole-word entry at or after <paramref name="from"/>, or −1.</summary>
    public int IndexIn(ReadOnlySpan<char> text, int from)
    {
        for (var at = from; at < text.Length;)
        {
            var k = text[at..].IndexOfAny(_search);
            if (k < 0) return -1;
            var s = at + k;
            if ((s == 0 || !char.IsLetterOrDigit(text[s - 1])) && EndsAtBoundary(text, s)) return s;
            at = s + 1;
        }
        return -1;
    }

    private bool EndsAtBoundary(ReadOnlySpan<char> text, int s)
    {
        if (text[s] >= '\u2E80') return true;
        var last = Math.Min(text.Length, s + _longest);
        for (var e = s + 1; e <= last; e++)
            if ((e == text.Length || !char.IsLetterOrDigit(text[e])) && _exact.Contains(text[s..e])) return true;
        return false;
    }
}
