namespace Gantry.Guardrails.Injection;

/// <summary>
/// The hand-written half of injection detection: phrase patterns over normalised and decoded views of a text,
/// scored in [0, 1] with the evidence listed. <see cref="InjectionDetector"/> feeds this score and its
/// per-technique weights to the learned model as features.
/// </summary>
/// <remarks>
/// Design: (1) character tricks are undone by <see cref="TextNormalizer"/> (their presence is itself weak evidence);
/// (2) the phrase patterns of <see cref="InjectionPatterns"/> run over the normalized text, and again over a
/// leetspeak-folded copy when one exists; (3) base64/hex runs that decode to text are scanned with the same
/// patterns; (4) if the text reads as a discussion of injection (an article, a detector's test case) and the hit
/// is quoted, pattern weights are discounted; (5) the strongest weight per technique is combined as
/// 1 − Π(1 − wᵢ). A hit found only after undoing a trick weighs 0.1 more: hiding is a sign of intent.
/// Fast path: texts shorter than 12 characters score 0. Stateless and thread-safe.
/// </remarks>
internal static class InjectionHeuristics
{
    private const int MinLength = 12;
    private const double ObfuscationBonus = 0.1;
    private const double QuotedDiscussionFactor = 0.35;
    private const double DiscussionFactor = 0.6;

    /// <summary>Returns the score; appends evidence (offsets into <paramref name="text"/>) when <paramref name="evidence"/> is given.</summary>
    public static double Analyze(string text, List<InjectionEvidence>? evidence) =>
        Analyze(text, evidence, decodeViews: true, EncodedPayloads.Decode(text), FeatureText.Fold(text));

    /// <summary>As <see cref="Analyze(string, List{InjectionEvidence})"/>, with the text's decoded payloads
    /// (<see cref="EncodedPayloads.Decode"/>) and folded view (<see cref="FeatureText.Fold"/>) computed by the caller,
    /// which also needs them for the feature text: each is computed once per scored text.</summary>
    internal static double Analyze(string text, List<InjectionEvidence>? evidence, List<(int Start, int End, string Decoded)> payloads, string? folded) =>
        Analyze(text, evidence, decodeViews: true, payloads, folded);

    private static double Analyze(string text, List<InjectionEvidence>? evidence, bool decodeViews,
        List<(int Start, int End, string Decoded)>? payloads = null, string? folded = null)
    {
        if (text.Length < MinLength) return 0;
        var hits = evidence ?? [];
        var start = hits.Count;

        var plain = TextNormalizer.Normalize(text, foldLeet: false);
        var discussion = new Lazy<int>(() => CountDiscussionMarkers(plain.Text), LazyThreadSafetyMode.None);
        Scan(text, plain, discussion, obfuscation: plain.Map is not null ? TrickName(plain) : null, hits);

        if (TextNormalizer.HasLeetCandidates(plain.Text))
        {
            var leet = TextNormalizer.Normalize(text, foldLeet: true);
            if (leet.LeetWords > 0) Scan(text, leet, discussion, InjectionTechniques.Leetspeak, hits, onlyNew: true);
        }

        foreach (var (s, e, decoded) in payloads ?? EncodedPayloads.Decode(text))
        {
            var inner = Analyze(decoded, null, decodeViews: false);
            if (inner > 0.3) hits.Add(new(InjectionTechniques.EncodedPayload, s, e, Math.Min(0.95, inner + ObfuscationBonus)));
        }

        // Tricks the offset-keeping normaliser cannot undo (NFKC compatibility forms, URL escapes, spaced-out
        // letters): scan the folded view whole and credit any new finding to the text as a whole.
        if (decodeViews && folded is { } view && !view.Equals(plain.Text, StringComparison.OrdinalIgnoreCase))
        {
            var inner = Analyze(view, null, decodeViews: false);
            if (inner > 0.3) hits.Add(new(InjectionTechniques.FoldedText, 0, text.Length, Math.Min(0.95, inner + ObfuscationBonus)));
        }

        if (plain.Tags > 0) hits.Add(new(InjectionTechniques.UnicodeTags, 0, text.Length, 0.6));
        if (plain.Invisible >= 3) hits.Add(new(InjectionTechniques.InvisibleUnicode, 0, text.Length, 0.25));
        if (plain.Bidi > 0) hits.Add(new(InjectionTechniques.BidiOverride, 0, text.Length, 0.25));
        if (plain.MixedScriptWords > 0) hits.Add(new(InjectionTechniques.Homoglyph, 0, text.Length, 0.2));

        return Combine(hits, start);
    }

    /// <summary>1 − Π(1 − w) over the strongest weight of each technique.</summary>
    private static double Combine(List<InjectionEvidence> hits, int start)
    {
        Span<double> best = stackalloc double[32];
        var names = new List<string>(8);
        for (var i = start; i < hits.Count; i++)
        {
            var k = names.IndexOf(hits[i].Technique);
            if (k < 0) { k = names.Count; names.Add(hits[i].Technique); best[k] = 0; }
            if (k < best.Length) best[k] = Math.Max(best[k], hits[i].Weight);
        }
        var miss = 1.0;
        for (var k = 0; k < Math.Min(names.Count, best.Length); k++) miss *= 1 - best[k];
        return 1 - miss;
    }

    private static void Scan(string original, TextNormalizer.Result view, Lazy<int> discussion, string? obfuscation,
        List<InjectionEvidence> hits, bool onlyNew = false)
    {
        foreach (var pattern in InjectionPatterns.All)
        {
            if (!pattern.MayMatch(view.Text)) continue;
            foreach (var m in pattern.Regex.EnumerateMatches(view.Text))
            {
                var (s, e) = view.ToOriginal(m.Index, m.Index + m.Length);
                if (onlyNew && Covered(hits, s, e)) continue;
                var weight = pattern.Weight;
                if (discussion.Value > 0 && IsQuoted(view.Text, m.Index, m.Index + m.Length)) weight *= QuotedDiscussionFactor;
                else if (discussion.Value >= 2) weight *= DiscussionFactor;
                var technique = pattern.Technique;
                if (obfuscation is not null && !original.AsSpan(s, e - s).SequenceEqual(view.Text.AsSpan(m.Index, m.Length)))
                {
                    technique = obfuscation;
                    weight = Math.Min(0.95, weight + ObfuscationBonus);
                }
                hits.Add(new(technique, s, e, weight));
            }
        }
    }

    private static string TrickName(TextNormalizer.Result r) =>
        r.Tags > 0 ? InjectionTechniques.UnicodeTags
        : r.MixedScriptWords > 0 ? InjectionTechniques.Homoglyph
        : InjectionTechniques.InvisibleUnicode;

    private static bool Covered(List<InjectionEvidence> hits, int start, int end)
    {
        foreach (var h in hits) if (h.Start < end && start < h.End) return true;
        return false;
    }

    /// <summary>Occurrences (up to 4) of <see cref="InjectionPatterns.DiscussionMarkers"/> at word starts.</summary>
    private static int CountDiscussionMarkers(string text)
    {
        var n = 0;
        var span = text.AsSpan();
        for (var i = 0; i < span.Length;)
        {
            var k = span[i..].IndexOfAny(InjectionPatterns.DiscussionMarkers);
            if (k < 0) break;
            i += k;
            if ((i == 0 || !char.IsLetter(span[i - 1])) && ++n >= 4) break;
            i++;
        }
        return n;
    }

    /// <summary>A quote character within two characters before the match or after it.</summary>
    private static bool IsQuoted(string text, int start, int end)
    {
        for (var i = Math.Max(0, start - 2); i < start; i++) if (IsQuote(text[i])) return true;
        for (var i = end; i < Math.Min(text.Length, end + 2); i++) if (IsQuote(text[i])) return true;
        return false;
    }

    private static bool IsQuote(char c) => c is '"' or '\'' or '“' or '”' or '‘' or '’' or '«' or '»' or '`';
}
