using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Decoders for text spelled as character codes rather than letters (sixth round): HTML character references
/// (named, decimal, hex: <c>&amp;#105;&amp;#x67;</c>), backslash escapes of JSON, JavaScript, Python and C
/// (<c>\u0050</c>, <c>\u{1F600}</c>, <c>\x50</c> including UTF-8 byte runs, octal <c>\120</c>), lists of character
/// codes (<c>String.fromCharCode(100, 105, …)</c>, <c>[73, 103, …]</c>) and 8-bit binary groups. Each decoder
/// looks only at runs its telltale marks out (at least <see cref="MinCodes"/> codes close together), so prose
/// costs one vectorized search per decoder. Results are kept only when they read as text
/// (<see cref="EncodedPayloads.Readable(string)"/>).
/// </summary>
internal static partial class EscapeDecoders
{
    /// <summary>Fewer codes than this in a run are left alone: "&amp;amp;" or one "\n" is not a hidden sentence.</summary>
    private const int MinCodes = 6;

    private const int MaxRuns = 8;

    /// <summary>Adds the decoded runs of <paramref name="text"/> to <paramref name="found"/>.</summary>
    public static void Decode(string text, List<(int Start, int End, string Decoded)> found)
    {
        if (text.Contains('&')) Runs(text, HtmlReference(), found, static run => WebUtility.HtmlDecode(run));
        if (text.Contains('\\')) Runs(text, BackslashEscape(), found, Unescape);
        if (text.Contains(',') || text.Contains(' ')) CodeLists(text, found);
        if (text.Contains("0 ", StringComparison.Ordinal) || text.Contains("1 ", StringComparison.Ordinal)) Binary(text, found);
    }

    /// <summary>Groups matches of <paramref name="code"/> lying at most 3 characters apart into runs, and decodes
    /// each run of <see cref="MinCodes"/> or more codes whole (the characters between codes stay as they are).</summary>
    private static void Runs(string text, Regex code, List<(int, int, string)> found, Func<string, string> decode)
    {
        int start = -1, end = -1, codes = 0, runs = 0;
        foreach (var m in code.EnumerateMatches(text))
        {
            if (start >= 0 && m.Index - end > 3)
            {
                if (codes >= MinCodes && ++runs <= MaxRuns) Add(text, start, end, found, decode);
                start = -1;
            }
            if (start < 0) { start = m.Index; codes = 0; }
            end = m.Index + m.Length;
            codes++;
        }
        if (start >= 0 && codes >= MinCodes && ++runs <= MaxRuns) Add(text, start, end, found, decode);
    }

    private static void Add(string text, int start, int end, List<(int, int, string)> found, Func<string, string> decode)
    {
        var decoded = decode(text[start..end]);
        if (EncodedPayloads.Readable(decoded) is { } readable) found.Add((start, end, readable));
    }

    /// <summary>Backslash escapes undone: \uXXXX and \u{X…} as code points, runs of \xHH and octal \NNN as UTF-8
    /// bytes (so "\xd0\x98" is И), falling back to Latin-1 when the bytes are not UTF-8.</summary>
    internal static string Unescape(string run)
    {
        var sb = new StringBuilder(run.Length);
        var bytes = new List<byte>();
        for (var i = 0; i < run.Length; i++)
        {
            if (run[i] == '\\' && i + 1 < run.Length)
            {
                var (value, length, isByte) = ReadEscape(run, i + 1);
                if (length > 0)
                {
                    if (isByte) bytes.Add((byte)value);
                    else { Flush(sb, bytes); AppendCodePoint(sb, value); }
                    i += length;
                    continue;
                }
            }
            Flush(sb, bytes);
            sb.Append(run[i]);
        }
        Flush(sb, bytes);
        return sb.ToString();
    }

    /// <summary>The escape after a backslash at <paramref name="at"/>: its value, its length, whether it is a byte.</summary>
    private static (int Value, int Length, bool IsByte) ReadEscape(string s, int at)
    {
        var c = s[at];
        if (c is 'u' or 'U')
        {
            if (at + 1 < s.Length && s[at + 1] == '{')
            {
                var close = s.IndexOf('}', at + 2);
                if (close > at + 2 && close - at <= 9 && int.TryParse(s.AsSpan(at + 2, close - at - 2), System.Globalization.NumberStyles.HexNumber, null, out var cp))
                    return (cp, close - at + 1, false);
                return (0, 0, false);
            }
            return at + 4 < s.Length && int.TryParse(s.AsSpan(at + 1, 4), System.Globalization.NumberStyles.HexNumber, null, out var u)
                ? (u, 5, false) : (0, 0, false);
        }
        if (c == 'x')
            return at + 2 < s.Length && int.TryParse(s.AsSpan(at + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var x)
                ? (x, 3, true) : (0, 0, false);
        if (c is >= '0' and <= '7')
        {
            var n = 0;
            var len = 0;
            while (len < 3 && at + len < s.Length && s[at + len] is >= '0' and <= '7') n = n * 8 + (s[at + len++] - '0');
            return n <= 255 ? (n, len, true) : (0, 0, false);
        }
        return (0, 0, false);
    }

    private static void AppendCodePoint(StringBuilder sb, int cp)
    {
        if (cp is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF)) sb.Append(char.ConvertFromUtf32(cp));
        else if (cp is >= 0xD800 and <= 0xDFFF) sb.Append((char)cp); // a surrogate half of a JSON pair
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static void Flush(StringBuilder sb, List<byte> bytes)
    {
        if (bytes.Count == 0) return;
        try { sb.Append(StrictUtf8.GetString([.. bytes])); }
        catch (DecoderFallbackException) { foreach (var b in bytes) sb.Append((char)b); }
        bytes.Clear();
    }

    /// <summary>Lists of decimal character codes (32–126 and letters of other scripts), as String.fromCharCode,
    /// chr() chains or plain arrays write them.</summary>
    private static void CodeLists(string text, List<(int, int, string)> found)
    {
        var runs = 0;
        foreach (var m in CodeList().EnumerateMatches(text))
        {
            if (++runs > MaxRuns) break;
            var sb = new StringBuilder(m.Length / 3);
            var ok = true;
            foreach (var part in NumberPart().EnumerateMatches(text.AsSpan(m.Index, m.Length)))
            {
                var n = int.Parse(text.AsSpan(m.Index + part.Index, part.Length));
                if (n is < 9 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF) || n is > 126 and < 0xA0) { ok = false; break; }
                sb.Append(char.ConvertFromUtf32(n));
            }
            if (ok && OneScript(sb.ToString()) && EncodedPayloads.Readable(sb.ToString()) is { } s) found.Add((m.Index, m.Index + m.Length, s));
        }
    }

    /// <summary>Whether decoded codes read as writing rather than as numbers that happen to be code points: all
    /// printable ASCII, or words (a space) whose letters mostly share one 256-code block (one script).</summary>
    private static bool OneScript(string s)
    {
        if (System.Text.Ascii.IsValid(s)) return true;
        if (!s.Contains(' ')) return false;
        var blocks = new Dictionary<int, int>();
        var letters = 0;
        foreach (var c in s)
        {
            if (c == ' ') continue;
            letters++;
            blocks[c >> 8] = blocks.GetValueOrDefault(c >> 8) + 1;
        }
        return blocks.Values.Max() * 10 >= letters * 8;
    }

    /// <summary>Runs of 8-bit binary groups ("01101001 01100111 …") read as UTF-8 bytes.</summary>
    private static void Binary(string text, List<(int, int, string)> found)
    {
        var runs = 0;
        foreach (var m in BinaryRun().EnumerateMatches(text))
        {
            if (++runs > MaxRuns) break;
            var bytes = new List<byte>(m.Length / 9 + 1);
            foreach (var part in BinaryByte().EnumerateMatches(text.AsSpan(m.Index, m.Length)))
                bytes.Add(Convert.ToByte(text.Substring(m.Index + part.Index, part.Length), 2));
            var sb = new StringBuilder();
            Flush(sb, bytes);
            if (EncodedPayloads.Readable(sb.ToString()) is { } s) found.Add((m.Index, m.Index + m.Length, s));
        }
    }

    /// <summary>One HTML character reference: decimal, hex or named.</summary>
    [GeneratedRegex(@"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,7});", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlReference();

    /// <summary>One backslash escape: \uXXXX, \u{…}, \xHH or octal \NNN.</summary>
    [GeneratedRegex(@"\\(?:u[0-9A-Fa-f]{4}|u\{[0-9A-Fa-f]{1,6}\}|x[0-9A-Fa-f]{2}|[0-7]{1,3})", RegexOptions.CultureInvariant)]
    private static partial Regex BackslashEscape();

    /// <summary>Eight or more decimal numbers of 2–6 digits separated by commas (spaces allowed) or "+ chr(".</summary>
    [GeneratedRegex(@"(?<![\d.])(?:\d{2,6}\s*(?:,|\)\s*\+\s*chr\()\s*){7,}\d{2,6}(?![\d.])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CodeList();

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPart();

    [GeneratedRegex(@"(?<![01])(?:[01]{8}[ ,]+){7,}[01]{8}(?![01])", RegexOptions.CultureInvariant)]
    private static partial Regex BinaryRun();

    [GeneratedRegex(@"[01]{8}", RegexOptions.CultureInvariant)]
    private static partial Regex BinaryByte();
}
