using System.Text;
using System.Text.RegularExpressions;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Decoders for spellings with their own alphabet that no earlier round read (sixth round): Morse code (dots and
/// dashes, "/" or wide gaps between words), base32 (RFC 4648, upper case, padding optional), and a Caesar shift
/// that the text does not name: a run of four or more Latin words of which almost none is a known English word is
/// tried at all 25 shifts, and the shift that turns at least two fifths of them into known words wins. Every
/// decoder works on the spans its telltale marks out, with caps on their number and length.
/// </summary>
internal static partial class CipherDecoders
{
    private const int MaxRuns = 8;

    /// <summary>The most words of one run tried at each shift (the whole run is decoded once a shift wins).</summary>
    private const int ShiftSampleWords = 40;

    public static void Decode(string text, List<(int Start, int End, string Decoded)> found)
    {
        if (text.Contains(".-", StringComparison.Ordinal) || text.Contains("-.", StringComparison.Ordinal)) Morse(text, found);
        Base32(text, found);
        Shifted(text, found);
    }

    private static readonly Dictionary<string, char>.AlternateLookup<ReadOnlySpan<char>> MorseCodes =
        new Dictionary<string, char>
        {
            [".-"] = 'a', ["-..."] = 'b', ["-.-."] = 'c', ["-.."] = 'd', ["."] = 'e', ["..-."] = 'f', ["--."] = 'g',
            ["...."] = 'h', [".."] = 'i', [".---"] = 'j', ["-.-"] = 'k', [".-.."] = 'l', ["--"] = 'm', ["-."] = 'n',
            ["---"] = 'o', [".--."] = 'p', ["--.-"] = 'q', [".-."] = 'r', ["..."] = 's', ["-"] = 't', ["..-"] = 'u',
            ["...-"] = 'v', [".--"] = 'w', ["-..-"] = 'x', ["-.--"] = 'y', ["--.."] = 'z', ["-----"] = '0',
            [".----"] = '1', ["..---"] = '2', ["...--"] = '3', ["....-"] = '4', ["....."] = '5', ["-...."] = '6',
            ["--..."] = '7', ["---.."] = '8', ["----."] = '9', [".-.-.-"] = '.', ["--..--"] = ',', ["..--.."] = '?',
        }.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Morse runs: letters separated by one space, words by "/", "|" or two or more spaces.</summary>
    private static void Morse(string text, List<(int, int, string)> found)
    {
        var runs = 0;
        foreach (var m in MorseRun().EnumerateMatches(text))
        {
            if (++runs > MaxRuns) break;
            var run = text.AsSpan(m.Index, m.Length);
            var sb = new StringBuilder(m.Length / 3);
            var unknown = 0;
            var gap = 0;
            var i = 0;
            while (i < run.Length)
            {
                if (run[i] is ' ' or '/' or '|') { gap += run[i] == ' ' ? 1 : 2; i++; continue; }
                if (gap >= 2 && sb.Length > 0) sb.Append(' ');
                gap = 0;
                var start = i;
                while (i < run.Length && run[i] is '.' or '-') i++;
                if (MorseCodes.TryGetValue(run[start..i], out var letter)) sb.Append(letter);
                else unknown++;
            }
            if (unknown * 10 <= sb.Length && EncodedPayloads.Readable(sb.ToString()) is { } s) found.Add((m.Index, m.Index + m.Length, s));
        }
    }

    private static void Base32(string text, List<(int, int, string)> found)
    {
        var runs = 0;
        foreach (var m in Base32Run().EnumerateMatches(text))
        {
            if (++runs > MaxRuns) break;
            var run = text.AsSpan(m.Index, m.Length).TrimEnd('=');
            var bytes = new byte[run.Length * 5 / 8];
            int buffer = 0, bits = 0, n = 0;
            foreach (var c in run)
            {
                buffer = (buffer << 5) | (c >= 'A' ? c - 'A' : c - '2' + 26);
                bits += 5;
                if (bits < 8) continue;
                bits -= 8;
                if (n < bytes.Length) bytes[n++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
            var decoded = Encoding.UTF8.GetString(bytes, 0, n);
            if (EncodedPayloads.Readable(decoded) is { } s && Printable(s)) found.Add((m.Index, m.Index + m.Length, s));
        }
    }

    private static bool Printable(string s)
    {
        var bad = 0;
        foreach (var c in s) if (c == '\uFFFD' || char.IsControl(c) && !char.IsWhiteSpace(c)) bad++;
        return bad == 0;
    }

    /// <summary>Runs of four or more ASCII words, none of them known English, decoded at the shift that makes
    /// the most of them known (at least two fifths and three words).</summary>
    private static void Shifted(string text, List<(int, int, string)> found)
    {
        var runs = 0;
        var words = new List<(int Start, int Length)>(64);
        var runStart = -1;
        var unknownWords = 0;
        foreach (var m in AsciiWord().EnumerateMatches(text))
        {
            var known = WordSegmenter.IsKnown(text.AsSpan(m.Index, m.Length));
            if (!known && m.Length >= 2)
            {
                if (runStart < 0) { runStart = m.Index; words.Clear(); unknownWords = 0; }
                words.Add((m.Index, m.Length));
                unknownWords++;
                continue;
            }
            if (known && runStart >= 0 && words.Count > 0 && m.Length <= 2) { words.Add((m.Index, m.Length)); continue; }
            if (runStart >= 0 && unknownWords >= 4 && ++runs <= MaxRuns) TryShifts(text, words, found);
            runStart = -1;
        }
        if (runStart >= 0 && unknownWords >= 4 && ++runs <= MaxRuns) TryShifts(text, words, found);
    }

    private static void TryShifts(string text, List<(int Start, int Length)> words, List<(int, int, string)> found)
    {
        Span<char> buffer = stackalloc char[32];
        int bestShift = 0, bestKnown = 0;
        var sample = Math.Min(words.Count, ShiftSampleWords);
        for (var shift = 1; shift < 26; shift++)
        {
            var known = 0;
            for (var w = 0; w < sample; w++)
            {
                var (start, length) = words[w];
                if (length > buffer.Length) continue;
                for (var k = 0; k < length; k++) buffer[k] = Shift(text[start + k], shift);
                if (WordSegmenter.IsKnown(buffer[..length])) known++;
            }
            if (known > bestKnown) (bestKnown, bestShift) = (known, shift);
        }
        if (bestKnown < 3 || bestKnown * 5 < sample * 2) return;
        var (first, _) = words[0];
        var (lastStart, lastLength) = words[^1];
        var span = text.AsSpan(first, lastStart + lastLength - first);
        var chars = new char[span.Length];
        for (var k = 0; k < span.Length; k++) chars[k] = Shift(span[k], bestShift);
        found.Add((first, lastStart + lastLength, new string(chars)));
    }

    private static char Shift(char c, int by) => c switch
    {
        >= 'a' and <= 'z' => (char)('a' + (c - 'a' + by) % 26),
        >= 'A' and <= 'Z' => (char)('A' + (c - 'A' + by) % 26),
        _ => c,
    };

    /// <summary>Five or more Morse letters (1–6 dots and dashes) separated by spaces, "/" or "|".</summary>
    [GeneratedRegex(@"(?<![\w.\-])(?:[.\-]{1,6}(?: {1,3}| ?[/|] ?)){4,}[.\-]{1,6}(?![\w.\-])", RegexOptions.CultureInvariant)]
    private static partial Regex MorseRun();

    /// <summary>Sixteen or more base32 characters in upper case (not an ordinary word: at least one digit 2–7).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?=[A-Z]*[2-7])[A-Z2-7]{16,}={0,6}(?![A-Za-z0-9=])", RegexOptions.CultureInvariant)]
    private static partial Regex Base32Run();

    [GeneratedRegex(@"(?<![A-Za-z])[A-Za-z]{1,24}(?![A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex AsciiWord();
}
