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

    private static readonly SearchValues<string>[] Searches =
        [.. Words.Select(w => SearchValues.Create(w, StringComparison.OrdinalIgnoreCase))];

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

    /// <summary>Positions (up to <paramref name="max"/> per concept) where each concept's words start.</summary>
    public static void Find(ReadOnlySpan<char> text, List<int>[] positions, int max = 16)
    {
        for (var c = 0; c < ConceptCount; c++)
        {
            positions[c].Clear();
            var at = 0;
            while (at < text.Length && positions[c].Count < max)
            {
                var k = text[at..].IndexOfAny(Searches[c]);
                if (k < 0) break;
                var start = at + k;
                if (!MidWord(text, start)) positions[c].Add(start);
                at = start + 1;
            }
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
