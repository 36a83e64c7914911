using System.Text;
using System.Text.RegularExpressions;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// The text the learned model reads: everything that hides letters from a reader undone, offsets not kept.
/// Steps: Unicode NFKC and <see cref="CompatibilityLetters"/> (full-width, mathematical and circled letters), URL
/// escapes decoded, <see cref="TextNormalizer"/>
/// (zero-width and bidi characters dropped, Unicode tags decoded, Cyrillic/Greek look-alikes folded to Latin,
/// leetspeak inside words undone), letters spaced out with single separators joined
/// ("i g n o r e", "I.g.n.o.r.e"), lower case, whitespace collapsed, and the decoded text of base64/hex runs
/// appended (and the readings of <see cref="NamedTransforms"/> when the text names a transform). Stateless and thread-safe.
/// </summary>
internal static partial class FeatureText
{
    /// <summary>At most this many characters are folded (a bound on work for adversarial input); the rest is not read.</summary>
    private const int MaxChars = 1 << 16;

    public static string Build(string text) => Build(text, EncodedPayloads.Decode(text), Fold(text));

    /// <summary>As <see cref="Build(string)"/>, given <paramref name="text"/>'s decoded payloads and <see cref="Fold"/>
    /// (the heuristics computed both already).</summary>
    internal static string Build(string text, List<(int Start, int End, string Decoded)> payloads, string? foldedText)
    {
        var folded = foldedText ?? text;
        var sb = new StringBuilder(folded.Length + 16);
        AppendCollapsed(sb, folded);
        foreach (var (_, _, decoded) in payloads)
        {
            sb.Append(" | ");
            AppendCollapsed(sb, Fold(decoded) ?? decoded);
        }
        // A zero-width space may hide inside a word ("ig\u200Bnore", dropped above) or stand for a space between
        // words ("ignore\u200Ball\u200Brules"): the second reading is appended.
        if (text.Contains('\u200B'))
        {
            var spaced = text.Replace('\u200B', ' ');
            AppendCollapsed(sb.Append(" | "), Fold(spaced) ?? spaced);
        }
        // Transforms with no telltale alphabet are decoded only when the text names them (NamedTransforms).
        foreach (var reading in NamedTransforms.Readings(text.AsSpan(0, Math.Min(text.Length, MaxChars))))
            AppendCollapsed(sb.Append(" | "), reading);
        var extra = new List<string>(0);
        ObfuscationReadings.Add(text.Length > MaxChars ? text[..MaxChars] : text, extra);
        foreach (var reading in extra)
            AppendCollapsed(sb.Append(" | "), Fold(reading) ?? reading);
        return sb.ToString();
    }

    /// <summary>The folded view (before lower-casing), or null when folding changes nothing.</summary>
    public static string? Fold(string text)
    {
        var s = text.Length > MaxChars ? text[..MaxChars] : text;
        if (!Ascii.IsValid(s))
        {
            try { s = s.Normalize(NormalizationForm.FormKC); }
            catch (ArgumentException) { } // lone surrogates: keep the text as it is
            s = CompatibilityLetters.Fold(s);
        }
        if (s.Contains('%') && UrlEscape().IsMatch(s)) s = UrlEscapes().Replace(s, m => Unescape(m.Value));
        s = TextNormalizer.Normalize(s, foldLeet: TextNormalizer.HasLeetCandidates(s)).Text;
        if (SpacedLetters().IsMatch(s)) s = SpacedLetters().Replace(s, m => Join(m.Value));
        return s == text ? null : s;
    }

    private static void AppendCollapsed(StringBuilder sb, string s)
    {
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(char.ToLowerInvariant(c));
        }
    }

    private static string Unescape(string run)
    {
        try { return Uri.UnescapeDataString(run.Replace('+', ' ')); }
        catch (UriFormatException) { return run; }
    }

    /// <summary>Single letters or digits each followed by one separator: "i g n o r e", "I.g.n.o.r.e._.a.l.l".
    /// An underscore or a run of 2+ spaces between letters stands for a word break.</summary>
    private static string Join(string run)
    {
        var sb = new StringBuilder(run.Length / 2 + 1);
        var spaces = 0;
        foreach (var c in run)
        {
            if (c == ' ') { spaces++; continue; }
            if (spaces >= 2) sb.Append(' ');
            spaces = 0;
            if (char.IsLetterOrDigit(c)) sb.Append(c);
            else if (c == '_') sb.Append(' ');
        }
        // A run spelled out letter by letter with no word breaks ("d.i.s.r.e.g.a.r.d.a.l.l") gets them back.
        return sb.Length >= 10 && !sb.ToString().Contains(' ') ? WordSegmenter.Segment(sb.ToString()) : sb.ToString();
    }

    [GeneratedRegex(@"%[0-9A-Fa-f]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex UrlEscape();

    /// <summary>A run of non-space characters containing URL escapes (a word or a whole query string).</summary>
    [GeneratedRegex(@"[^\s""'<>]*%[0-9A-Fa-f]{2}[^\s""'<>]*", RegexOptions.CultureInvariant)]
    private static partial Regex UrlEscapes();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:[\p{L}\p{N}_](?: {3}|[ .\-*|]|\r?\n)){3,}[\p{L}\p{N}](?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex SpacedLetters();
}
