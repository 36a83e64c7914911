using System.Text.RegularExpressions;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Finds the parts of a user prompt that are content rather than the user's own words: HTML comments and hidden
/// elements, document/tool/result wrappers (<c>&lt;document&gt;…&lt;/document&gt;</c>), quoted e-mail lines
/// (<c>&gt; …</c>), an e-mail after its <c>From:</c>/<c>Subject:</c> header, fenced or <c>---</c>-delimited blocks,
/// and the text after "summarize/translate/… the following …:"; also any tag or bracket pair around text, a
/// forwarded or replied-to e-mail, a labelled tool or search result, a JSON object, and whatever follows a first
/// line ending in a colon or a question mark (the user's request, then the material). Offsets are UTF-16
/// [start, end). Stateless.
/// </summary>
internal static partial class ContentSegments
{
    private const int MaxSegments = 32;

    public static List<(int Start, int End)> Find(string text)
    {
        var found = new List<(int, int)>();
        if (text.Length < 24) return found;
        foreach (var regex in (ReadOnlySpan<Regex>)[Wrapped(), QuotedLines(), EmailBody(), Delimited(), AfterRequest(), TagPair(), Forwarded(), Labelled(), JsonObject(), AfterFirstLine()])
        {
            foreach (var m in regex.EnumerateMatches(text))
            {
                if (found.Count >= MaxSegments) return found;
                found.Add((m.Index, m.Index + m.Length));
            }
        }
        return found;
    }

    /// <summary>
    /// The inner text of explicitly wrapped content ([start, end), tags and comment markers left out): an HTML comment,
    /// a <c>&lt;document&gt;</c>/<c>&lt;tool_result&gt;</c>/… element or a <c>[document]…[/document]</c> block. The
    /// prompt itself says this is data, so a caller may judge it as <see cref="TextOrigin.Content"/>.
    /// </summary>
    public static List<(int Start, int End)> FindWrapped(string text)
    {
        var found = new List<(int, int)>();
        foreach (var m in Wrapped().EnumerateMatches(text))
        {
            if (found.Count >= MaxSegments) break;
            var match = text.AsSpan(m.Index, m.Length);
            int start, end;
            if (match.StartsWith("<!--")) (start, end) = (4, m.Length - 3);
            else (start, end) = (match.IndexOfAny('>', ']') + 1, match.LastIndexOfAny('<', '['));
            if (end > start) found.Add((m.Index + start, m.Index + end));
        }
        return found;
    }

    /// <summary>Whether [start, end) lies inside one of <paramref name="segments"/>.</summary>
    public static bool Inside(List<(int Start, int End)> segments, int start, int end)
    {
        foreach (var (s, e) in segments) if (start >= s && end <= e) return true;
        return false;
    }

    [GeneratedRegex(@"<!--.*?-->|<(document|doc|context|result|tool_result|tool|search_result|email|page|article|data|snippet|span\s+style=['""]display:\s*none['""])[^>]*>.*?</\w+>|\[(document|tool|result)[^\]]*\].*?\[/\w+\]", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Wrapped();

    [GeneratedRegex(@"(^[ \t]*>.*(\n|$))+", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedLines();

    [GeneratedRegex(@"^(from|subject)[ \t]*:[^\n]*\n[\s\S]+", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex EmailBody();

    [GeneratedRegex(@"```.*?```|^-{3,}\s*$.*?^-{3,}\s*$|""""""[\s\S]*?""""""", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Delimited();

    [GeneratedRegex(@"(?<=\b(summari[sz]e|translate|proofread|analy[sz]e|extract|classify|read|review|process|what\s+does|key\s+points\s+of|continue|check|score|rate|grade|evaluate|assess|screen|rank|draft|fix|edit|rewrite|correct|reply\s+to|respond\s+to|answer|compare|categori[sz]e|parse|go\s+through|look\s+at|here\s+is|here's|below\s+is|attached|forwarded|pasted|scraped)\b[^\n:]{0,80}[:\n])[\s\S]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterRequest();

    /// <summary>Any tag or bracket pair around text, except tags that hold the operator's own instructions.</summary>
    [GeneratedRegex(@"<(?!(system|instructions?|prompt|task|rules)\b)([a-z][\w:-]{0,30})\b[^<>]{0,200}>[\s\S]{12,4000}?</\2\s*>|\[([a-z_]{2,30})\][\s\S]{12,4000}?\[/\3\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TagPair();

    [GeneratedRegex(@"^[ \t]*(-{2,}\s*(forwarded message|original message|message transféré|weitergeleitete nachricht|mensaje reenviado)\s*-{2,}|begin forwarded message:|on [^\n]{4,120}\bwrote:)[\s\S]+", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Forwarded();

    [GeneratedRegex(@"^[ \t]*(tool (output|result|response)|function (result|output|response)|observation|search results?|api response|retrieved (text|document|content|context|passage)|page content|web page|file contents?|document|transcript|scraped (text|page|content)|ocr (text|output))\b[^\n:]{0,40}:[\s\S]+", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();

    [GeneratedRegex(@"\{\s*""[\s\S]{20,8000}\}", RegexOptions.CultureInvariant)]
    private static partial Regex JsonObject();

    [GeneratedRegex(@"(?<=\A[^\n]{0,200}[:?][ \t]*\n)[\s\S]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex AfterFirstLine();
}
