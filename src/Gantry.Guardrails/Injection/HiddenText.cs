using System.Buffers;
using System.Text.RegularExpressions;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Finds the parts of content that a person reading the rendered page or document never sees: HTML comments,
/// elements styled invisible (display:none, zero font size or opacity, white text, aria-hidden), alt/title/meta
/// attributes, markdown comments, note or description fields of JSON metadata, and YAML/INI keys naming a note or hint. An order there is written for
/// a machine, which is why <see cref="AddressedDirectives"/> reads it apart. Offsets are UTF-16 [start, end).
/// Stateless.
/// </summary>
internal static partial class HiddenText
{
    private const int MaxSpans = 32;

    /// <summary>Any of these must occur for a hidden span to exist: a vectorized check that skips the regexes on
    /// ordinary prose.</summary>
    private static readonly SearchValues<string> Anchors = SearchValues.Create(
        ["<!--", "style", "hidden", "alt=", "title=", "content=", "aria-", "data-", "[//]", "[comment]", "\"note",
         "\"description", "\"comment", "\"metadata", "\"summary", "\"instruction", "\"alt", "\"caption", "_note\"", "opacity=", "font-size=",
         "_note", "note_", "_hint", "hint_", "_instruction", "instruction_"],
        StringComparison.OrdinalIgnoreCase);

    public static List<(int Start, int End)> Find(string text)
    {
        var found = new List<(int, int)>();
        if (text.Length < 24 || text.AsSpan().IndexOfAny(Anchors) < 0) return found;
        foreach (var regex in (ReadOnlySpan<Regex>)[Comment(), HiddenElement(), Attribute(), MarkdownComment(), MetadataField(), YamlNote()])
        {
            foreach (var m in regex.EnumerateMatches(text))
            {
                if (found.Count >= MaxSpans) return found;
                found.Add((m.Index, m.Index + m.Length));
            }
        }
        return found;
    }

    [GeneratedRegex(@"<!--[\s\S]{0,4000}?-->", RegexOptions.CultureInvariant)]
    private static partial Regex Comment();

    /// <summary>The text after an opening tag styled invisible, up to the next tag.</summary>
    [GeneratedRegex(@"<[^<>]{0,200}(display\s*:\s*none|font-size\s*:\s*0(px|pt|em)?\s*[;""']|visibility\s*:\s*hidden|opacity\s*:\s*0\s*[;""']|opacity\s*=\s*[""']0[""']|font-size\s*=\s*[""']0|color\s*:\s*(white|#fff\b|#ffffff)|aria-hidden|\shidden[\s>=])[^<>]{0,200}>[^<]{0,4000}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenElement();

    [GeneratedRegex(@"\b(alt|title|aria-label|content|data-[\w-]+|summary)\s*=\s*(""[^""]{12,2000}""|'[^']{12,2000}')", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();

    [GeneratedRegex(@"^\[(//|comment)\]:\s*(#|<>)\s*\([^\n]{0,2000}\)", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownComment();

    /// <summary>A YAML or INI key that names a note or hint for a reader (<c>note_for_llm: …</c>, <c>ai_hint: …</c>).</summary>
    [GeneratedRegex(@"^[ \t-]*(?:[a-z]+_)*(?:note|notes|hint|instructions?)(?:_[a-z]+)*\s*[:=]\s*[^\n]{12,2000}", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex YamlNote();

    /// <summary>The text without zero-width characters (the same instance when it has none).</summary>
    public static string WithoutZeroWidth(string text)
    {
        if (text.AsSpan().IndexOfAny(ZeroWidth) < 0) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var c in text) if (!ZeroWidth.Contains(c)) sb.Append(c);
        return sb.ToString();
    }

    private static readonly SearchValues<char> ZeroWidth = SearchValues.Create("\u200B\u200C\u200D\u2060\uFEFF");

    [GeneratedRegex(@"""(notes?|description|comment|metadata|summary|instructions?|alt|caption|[a-z_]*_note)""\s*:\s*""([^""\\]|\\.){12,2000}""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetadataField();
}
