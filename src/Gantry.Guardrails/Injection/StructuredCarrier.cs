using System.Text.RegularExpressions;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Whether a text is structured data (a JSON object or array, a CSV table, a YAML document, an iCalendar
/// entry), whose quotation marks delimit fields rather than quote someone's words (sixth round). A quotation is
/// how a text about attacks uses an attack's words, so the quotation features
/// (<see cref="InjectionFeatures"/>) read words inside quotes as reported; in a JSON value or a CSV cell they
/// are the carrier's own text, where a planted instruction sits, and must be read as said. Cheap: a few
/// vectorized searches and, only when they hint at structure, one anchored regex.
/// </summary>
internal static partial class StructuredCarrier
{
    public static bool Is(string text)
    {
        var span = text.AsSpan();
        if (span.Contains("\":", StringComparison.Ordinal) && span.IndexOfAny('{', '[') >= 0) return true;
        if (span.Contains("BEGIN:V", StringComparison.Ordinal)) return true;
        if (span.Contains(",\"", StringComparison.Ordinal) && CsvHeader().IsMatch(text)) return true;
        return span.Contains(":", StringComparison.Ordinal) && span.Contains('\n') && YamlKeys().Count(text) >= 3;
    }

    /// <summary>Whether the quotation mark at <paramref name="at"/> opens a field: it follows a ':', ',', '[' or '{'
    /// (spaces allowed between) or starts the text.</summary>
    public static bool OpensField(string text, int at)
    {
        var j = at - 1;
        while (j >= 0 && text[j] is ' ' or '\t' or '\n' or '\r') j--;
        return j < 0 || text[j] is ':' or ',' or '[' or '{';
    }

    /// <summary>A first line of two or more comma-separated column names.</summary>
    [GeneratedRegex(@"\A[ \t]*[\w .-]{1,40}(,[\w .-]{1,40})+\r?\n", RegexOptions.CultureInvariant)]
    private static partial Regex CsvHeader();

    /// <summary>A line that opens with a YAML key ("stage: deploy", "  description:").</summary>
    [GeneratedRegex(@"^[ \t]*-?[ \t]*[A-Za-z_][\w.-]{0,40}:(?=[ \t]|$)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex YamlKeys();
}
