using System.Text.RegularExpressions;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Finds the parts of a user prompt that are content rather than the user's own words: HTML comments and hidden
/// elements, document/tool/result wrappers (<c>&lt;document&gt;…&lt;/document&gt;</c>), quoted e-mail lines
/// (<c>&gt; …</c>), an e-mail after its <c>From:</c>/<c>Subject:</c> header, fenced or <c>---</c>-delimited blocks,
/// and the text after "summarize/translate/… the following …:". Offsets are UTF-16 [start, end). Stateless.
/// </summary>
internal static partial class ContentSegments
{
    private const int MaxSegments = 32;

    public static List<(int Start, int End)> Find(string text)
    {
        var found = new List<(int, int)>();
        if (text.Length < 24) return found;
        foreach (var regex in (ReadOnlySpan<Regex>)[Wrapped(), QuotedLines(), EmailBody(), Delimited(), AfterRequest()])
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

    [GeneratedRegex(@"(?<=\b(summari[sz]e|translate|proofread|analy[sz]e|extract|classify|read|review|process|what\s+does|key\s+points\s+of|continue)\b[^\n:]{0,80}[:\n])[\s\S]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterRequest();
}
