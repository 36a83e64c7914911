using System.Buffers;
using System.Text;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Finds base64 and hex runs and decodes the ones that turn out to be readable text, so the injection patterns
/// can be run on what they hide. Binary payloads (images, hashes, keys) decode to unreadable bytes and are ignored.
/// </summary>
internal static class EncodedPayloads
{
    /// <summary>At most this many runs are decoded per text: a cap on work for adversarial input.</summary>
    private const int MaxRuns = 16;

    private const int MaxRunChars = 8192;

    private static readonly SearchValues<char> Base64Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-=");

    /// <summary>Characters a hex run may contain (digits, hex letters, separators, \x and % escapes).</summary>
    private static readonly SearchValues<char> HexRunChars = SearchValues.Create("0123456789abcdefABCDEF :\\x%");

    /// <summary>How many times a decoded text is decoded again (base64 of hex, URL-escaped base64 …).</summary>
    private const int MaxDepth = 2;

    [ThreadStatic] private static string? t_lastText;
    [ThreadStatic] private static List<(int, int, string)>? t_lastFound;

    /// <summary>Readable decoded texts with the [start, end) of their encoded run in <paramref name="text"/>: base64
    /// (padding optional, runs split across lines joined), hex, the character codes of <see cref="EscapeDecoders"/>
    /// and the ciphers of <see cref="CipherDecoders"/>; a decoded text that is itself encoded is decoded again, up
    /// to <see cref="MaxDepth"/> levels, its reading credited to the outer run. The last text's result is kept per
    /// thread: the heuristics and the feature text decode the same prompt.</summary>
    public static List<(int Start, int End, string Decoded)> Decode(string text)
    {
        if (ReferenceEquals(text, t_lastText) && t_lastFound is { } cached) return cached;
        var found = Decode(text, 1);
        t_lastText = text;
        t_lastFound = found;
        return found;
    }

    private static List<(int Start, int End, string Decoded)> Decode(string text, int depth)
    {
        var found = DecodeOnce(text);
        if (depth >= MaxDepth) return found;
        for (var i = 0; i < found.Count && i < MaxRuns; i++)
        {
            var (s, e, decoded) = found[i];
            foreach (var (_, _, inner) in Decode(decoded, depth + 1)) found.Add((s, e, inner));
        }
        return found;
    }

    private static List<(int Start, int End, string Decoded)> DecodeOnce(string text)
    {
        var found = new List<(int, int, string)>();
        var runs = 0;
        foreach (var (at, len) in Runs(text, Base64Chars, 20))
        foreach (var m in InjectionPatterns.Base64Run().EnumerateMatches(text.AsSpan(at, len)))
        {
            if (++runs > MaxRuns) break;
            if (m.Length > MaxRunChars) continue;
            var run = text.AsSpan(at + m.Index, m.Length);
            if (!HasLowerUpperOrDigitMix(run)) continue; // identifiers_like_this are not base64
            if (TryBase64(run) is { } s) found.Add((at + m.Index, at + m.Index + m.Length, s));
        }
        runs = 0;
        foreach (var (at, len) in Runs(text, HexRunChars, 24))
        foreach (var m in InjectionPatterns.HexRun().EnumerateMatches(text.AsSpan(at, len)))
        {
            if (++runs > MaxRuns) break;
            if (m.Length > MaxRunChars) continue;
            if (TryHex(text.AsSpan(at + m.Index, m.Length)) is { } s) found.Add((at + m.Index, at + m.Index + m.Length, s));
        }
        if (text.Contains('\n')) SplitBase64(text, found);
        EscapeDecoders.Decode(text, found);
        CipherDecoders.Decode(text, found);
        return found;
    }

    private static readonly SearchValues<char> Base64LineChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-=\r\n");

    /// <summary>Base64 wrapped over lines (as mail and PEM wrap it): in a run of base64 characters and line
    /// breaks, a block of two or more lines of one length (16 or more) and a last line no longer, decoded with the
    /// breaks removed. Lines before and after the block (a word on its own line) are not part of it.</summary>
    private static void SplitBase64(string text, List<(int, int, string)> found)
    {
        var runs = 0;
        foreach (var (at, len) in Runs(text, Base64LineChars, 40))
        {
            if (len > MaxRunChars || text.AsSpan(at, len).IndexOfAny('\r', '\n') < 0 || ++runs > MaxRuns) continue;
            var lines = text.Substring(at, len).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var first = 0; first + 1 < lines.Length; first++)
            {
                var width = lines[first].Length;
                if (width < 16) continue;
                var last = first + 1;
                while (last + 1 < lines.Length && lines[last].Length == width) last++;
                if (lines[last].Length > width) last--;
                if (last == first) continue;
                var joined = string.Concat(lines[first..(last + 1)]);
                if (HasLowerUpperOrDigitMix(joined) && !joined.TrimEnd('=').Contains('=') && TryBase64(joined) is { } s)
                    found.Add((at, at + len, s));
                break;
            }
        }
    }

    /// <summary>Maximal runs of <paramref name="chars"/> at least <paramref name="minLength"/> long: the only places
    /// the run regexes can match, found with vectorized scans so ordinary prose costs almost nothing.</summary>
    private static List<(int Start, int Length)> Runs(string text, SearchValues<char> chars, int minLength)
    {
        var runs = new List<(int, int)>();
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var start = span[i..].IndexOfAny(chars);
            if (start < 0) break;
            start += i;
            var len = span[start..].IndexOfAnyExcept(chars);
            if (len < 0) len = span.Length - start;
            if (len >= minLength) runs.Add((start, len));
            i = start + len;
        }
        return runs;
    }

    private static bool HasLowerUpperOrDigitMix(ReadOnlySpan<char> s)
    {
        bool upper = false, lower = false;
        foreach (var c in s)
        {
            upper |= char.IsAsciiLetterUpper(c);
            lower |= char.IsAsciiLetterLower(c);
        }
        return upper && lower;
    }

    private static string? TryBase64(ReadOnlySpan<char> run)
    {
        var padded = (run.Length + 3) / 4 * 4;
        var chars = ArrayPool<char>.Shared.Rent(padded);
        var bytes = ArrayPool<byte>.Shared.Rent(padded);
        try
        {
            var trimmed = run.TrimEnd('=');
            for (var i = 0; i < trimmed.Length; i++) chars[i] = trimmed[i] switch { '-' => '+', '_' => '/', var c => c };
            var n = trimmed.Length;
            if (n % 4 == 1) return null;
            while (n % 4 != 0) chars[n++] = '=';
            return Convert.TryFromBase64Chars(chars.AsSpan(0, n), bytes, out var written) ? Readable(bytes.AsSpan(0, written)) : null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static string? TryHex(ReadOnlySpan<char> run)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(run.Length / 2 + 1);
        try
        {
            var n = 0;
            var hi = -1;
            foreach (var c in run)
            {
                var v = HexValue(c);
                if (v < 0) continue; // separators, \x, %
                if (hi < 0) hi = v;
                else { bytes[n++] = (byte)(hi * 16 + v); hi = -1; }
            }
            return Readable(bytes.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>UTF-8 text when at least 90% of the bytes are printable ASCII or whitespace and there are letters;
    /// otherwise, when the bytes are valid UTF-8 (Cyrillic, Greek, CJK … encoded), the decoded text if it reads as
    /// text by <see cref="Readable(string)"/>.</summary>
    private static string? Readable(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8) return null;
        int printable = 0, letters = 0, high = 0;
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t') printable++;
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z') letters++;
            if (b >= 0x80) high++;
        }
        if (printable * 10 >= bytes.Length * 9 && letters * 2 >= bytes.Length) return Encoding.UTF8.GetString(bytes);
        if (high * 4 < bytes.Length) return null;
        try { return Readable(StrictUtf8.GetString(bytes)); }
        catch (DecoderFallbackException) { return null; }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The text when it reads as text: at least 6 characters, at least half of them letters (of any
    /// script), at most a tenth control or replacement characters.</summary>
    internal static string? Readable(string text)
    {
        if (text.Length < 6) return null;
        int letters = 0, bad = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c)) letters++;
            else if (c == '\uFFFD' || char.IsControl(c) && !char.IsWhiteSpace(c)) bad++;
        }
        return letters * 2 >= text.Length && bad * 10 <= text.Length ? text : null;
    }
}
