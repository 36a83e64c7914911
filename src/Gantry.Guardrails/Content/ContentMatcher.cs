namespace Gantry.Guardrails.Content;

/// <summary>
/// A deny-list and category terms, prepared once (the content check caches one per policy instance): terms
/// lower-cased, whitespace-normalised and grouped by first character, so a scan is one pass over the text with
/// ordinal comparisons at word starts. Thread-safe after construction.
/// </summary>
internal sealed class ContentMatcher
{
    /// <summary>(term, category) pairs keyed by the term's first character.</summary>
    private readonly Dictionary<char, (string Term, string Category)[]> _byFirst;

    /// <summary>All terms, for a vectorized search to the next place any of them occurs.</summary>
    private readonly System.Buffers.SearchValues<string> _terms;

    /// <param name="denyTerms">Terms reported as <c>deny_list</c>.</param>
    /// <param name="categories">Category name → terms, reported as <c>content:&lt;name&gt;</c>.</param>
    public ContentMatcher(IReadOnlyList<string> denyTerms, IReadOnlyDictionary<string, IReadOnlyList<string>> categories)
    {
        var terms = new List<(string, string)>();
        foreach (var t in denyTerms) Add(terms, t, "deny_list");
        foreach (var (category, list) in categories)
            foreach (var t in list) Add(terms, t, "content:" + category);
        _byFirst = terms.GroupBy(t => t.Item1[0]).ToDictionary(g => g.Key, g => g.ToArray());
        _terms = System.Buffers.SearchValues.Create([.. terms.Select(t => t.Item1).Distinct()], StringComparison.OrdinalIgnoreCase);
    }

    public bool IsEmpty => _byFirst.Count == 0;

    /// <summary>Calls <paramref name="onHit"/> with (category, start, end) for every term occurrence that starts
    /// and ends at a word boundary. Case-insensitive for ASCII and Latin letters; runs of whitespace in the text
    /// must match single spaces in the term exactly (terms are normalised, the text is not).</summary>
    public void Scan(string text, Action<string, int, int> onHit)
    {
        if (IsEmpty) return;
        for (var i = 0; i < text.Length; i++)
        {
            var next = text.AsSpan(i).IndexOfAny(_terms);
            if (next < 0) return;
            i += next;
            if (i > 0 && char.IsLetterOrDigit(text[i - 1])) continue; // not a word start
            if (!_byFirst.TryGetValue(char.ToLowerInvariant(text[i]), out var candidates)) continue;
            foreach (var (term, category) in candidates)
            {
                var end = i + term.Length;
                if (end > text.Length) continue;
                if (end < text.Length && char.IsLetterOrDigit(text[end]) && char.IsLetterOrDigit(term[^1])) continue;
                if (text.AsSpan(i, term.Length).Equals(term, StringComparison.OrdinalIgnoreCase)) onHit(category, i, end);
            }
        }
    }

    private static void Add(List<(string, string)> terms, string term, string category)
    {
        var t = string.Join(' ', term.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        if (t.Length > 0) terms.Add((t, category));
    }
}
