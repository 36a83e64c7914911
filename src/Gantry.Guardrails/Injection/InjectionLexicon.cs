using System.Buffers;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Concept word lists for the learned model: not attack phrases but the building blocks attacks combine (a verb
/// that cancels, a noun that names the model's instructions, a marker of "earlier", a persona, a claim of no
/// limits, a verb that copies out, a constraint on the output, a change of policy over time, a permission, a
/// "regardless", a special mode, words that address the model, what attacks are after, words that talk
/// about attacks rather than perform them, and the second person: an attack speaks to the model about *its*
/// instructions, a benign text often reports someone else's ("my landlord wrote that the previous terms no
/// longer apply")). A concept alone is common in benign text; the model learns from
/// concepts that meet within a clause (<see cref="InjectionFeatures"/>), so a new phrasing or a language with
/// few training examples is still read through the same concepts.
/// </summary>
/// <remarks>The lists are written from concept lists per language (<see cref="LexiconEnglish"/>,
/// <see cref="LexiconEuropean"/>, <see cref="LexiconAsian"/>, <see cref="LexiconEuropeanMore"/>, <see cref="LexiconWorld"/>:
/// 49 languages), not from the corpus. Entries are matched
/// case-insensitively in the folded feature text; an entry that starts with a letter of a spaced script must
/// start a word (so "void" does not match "avoid"); CJK, kana, Thai and Hebrew entries match anywhere. Short pronouns are
/// written with a trailing space ("te ", "du ") so they do not match as the start of a longer word.</remarks>
internal static class InjectionLexicon
{
    public enum Concept
    {
        Cancel, Instructions, Persona, NoLimits, CopyOut, OutputOnly, PolicyChange, AddressModel, HarmfulAsk,
        Prior, Secret, Permission, Regardless, Mode, Discussion, SecondPerson,
    }

    public const int ConceptCount = 16;

    private static readonly string[][] Words = Build();

    /// <summary>Every entry of every concept, upper-cased, in one ordinal search: the text is folded once and
    /// searched once, rather than searched case-insensitively once per concept (a case-insensitive search over
    /// thousands of non-ASCII strings was most of the detector's cost).</summary>
    private static readonly SearchValues<string> AnyEntry;

    /// <summary>Upper-cased entries by their first character, each with the concepts it belongs to (bit c: concept c).</summary>
    private static readonly Dictionary<char, (string Entry, int Concepts)[]> ByFirstChar;

    static InjectionLexicon()
    {
        var concepts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < ConceptCount; c++)
            foreach (var w in Words[c])
            {
                var upper = w.ToUpperInvariant();
                concepts[upper] = concepts.GetValueOrDefault(upper) | (1 << c);
            }
        AnyEntry = SearchValues.Create([.. concepts.Keys], StringComparison.Ordinal);
        ByFirstChar = concepts.GroupBy(kv => kv.Key[0])
            .ToDictionary(g => g.Key, g => g.Select(kv => (kv.Key, kv.Value)).ToArray());
    }

    internal static IReadOnlyList<string> Entries(Concept concept) => Words[(int)concept];

    private static string[][] Build()
    {
        var sets = Enumerable.Range(0, ConceptCount).Select(_ => new HashSet<string>(StringComparer.OrdinalIgnoreCase)).ToArray();
        foreach (var table in (IEnumerable<(Concept, string)[]>)[LexiconEnglish.Entries, LexiconEuropean.Entries, LexiconAsian.Entries, LexiconEuropeanMore.Entries, LexiconWorld.Entries])
            foreach (var (concept, words) in table)
                foreach (var w in words.Split('|'))
                    if (w.Length > 0) sets[(int)concept].Add(w.ToLowerInvariant());
        return [.. sets.Select(s => s.Order(StringComparer.Ordinal).ToArray())];
    }

    /// <summary>Positions (up to <paramref name="max"/> per concept) where each concept's words start, matched
    /// case-insensitively: the text is upper-cased once (the simple case mapping an ordinal case-insensitive
    /// comparison uses, so results equal a per-concept <c>OrdinalIgnoreCase</c> search) and searched once for any
    /// entry; at each hit the entries starting with that character say which concepts match there.</summary>
    public static void Find(ReadOnlySpan<char> text, List<int>[] positions, int max = 16)
    {
        for (var c = 0; c < ConceptCount; c++) positions[c].Clear();
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            var folded = buffer.AsSpan(0, text.Length);
            text.ToUpperInvariant(folded);
            var full = 0;
            var at = 0;
            while (at < folded.Length && full != (1 << ConceptCount) - 1)
            {
                var k = folded[at..].IndexOfAny(AnyEntry);
                if (k < 0) break;
                var start = at + k;
                at = start + 1;
                if (MidWord(text, start)) continue;
                var rest = folded[start..];
                foreach (var (entry, concepts) in ByFirstChar[rest[0]])
                {
                    if (!rest.StartsWith(entry, StringComparison.Ordinal)) continue;
                    for (var c = 0; c < ConceptCount; c++)
                    {
                        if ((concepts & (1 << c)) == 0 || positions[c].Count >= max || positions[c].Count > 0 && positions[c][^1] == start) continue;
                        positions[c].Add(start);
                        if (positions[c].Count >= max) full |= 1 << c;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether a match at <paramref name="start"/> begins inside a word of a script that separates words
    /// with spaces (a match that starts with a CJK, kana or hangul character may start anywhere).</summary>
    private static bool MidWord(ReadOnlySpan<char> text, int start)
    {
        if (start == 0) return false;
        var c = text[start];
        if (!char.IsLetterOrDigit(c) || MatchesAnywhere(c)) return false;
        return char.IsLetterOrDigit(text[start - 1]);
    }

    /// <summary>Scripts whose entries match anywhere: CJK, kana and hangul; Thai, Lao, Khmer and Myanmar (no spaces
    /// between words); Hebrew (prefixes ה, ו, ל, ב, ש are glued to the word they modify).</summary>
    private static bool MatchesAnywhere(char c) =>
        c is >= '\u2E80' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF' or >= '\u0E00' and <= '\u0EFF'
            or >= '\u1780' and <= '\u17FF' or >= '\u1000' and <= '\u109F' or >= '\u0590' and <= '\u05FF';

    /// <summary>Whether some occurrence of one concept lies within <paramref name="distance"/> characters of one of the other.</summary>
    public static bool Near(List<int> a, List<int> b, int distance)
    {
        foreach (var x in a)
            foreach (var y in b)
                if (Math.Abs(x - y) <= distance) return true;
        return false;
    }
}
