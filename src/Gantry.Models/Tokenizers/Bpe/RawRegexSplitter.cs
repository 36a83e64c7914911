using System.Text;
using System.Text.RegularExpressions;

namespace Gantry.Models.Tokenizers.Bpe;

/// <summary>
/// A pre-tokenizer regex with no <c>\p{...}</c> category, run the way llama.cpp runs those: on the text itself (a
/// wide-char regex, one unit per code point), with every non-ASCII whitespace code point replaced by \v so that
/// ECMAScript's ASCII-only <c>\s</c> still sees it. DeepSeek's pre-tokenizers spell their letter, CJK and
/// full-width punctuation classes this way, as explicit code-point ranges.
/// </summary>
/// <remarks>
/// .NET regexes run on UTF-16, so a range above U+FFFF in a class (DeepSeek LLM's Deseret, Old Hungarian, Adlam …
/// letters) is rewritten as an alternation of surrogate pairs, and match positions are converted back to code
/// points. <c>$</c> means the end of the piece, as in ECMAScript (not "before a final newline", as in .NET).
/// </remarks>
internal sealed class RawRegexSplitter : IPreTokenizerStep
{
    private readonly Regex _regex;

    /// <param name="pattern">The pattern exactly as llama.cpp lists it for the pre-tokenizer.</param>
    public RawRegexSplitter(string pattern)
    {
        Pattern = pattern;
        _regex = new Regex(Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public string Pattern { get; }

    public void Split(in PreTokenizerInput input, List<int> pieces, List<int> output)
    {
        var start = 0;
        var text = new StringBuilder();
        var unitToCodepoint = new List<int>();
        foreach (var length in pieces)
        {
            text.Clear();
            unitToCodepoint.Clear();
            for (var i = 0; i < length; i++)
            {
                var cp = input.Codepoints[start + i];
                if (cp >= 0x80 && (input.Flags[start + i] & CodepointFlags.Whitespace) != 0) cp = '\v';
                unitToCodepoint.Add(i);
                if (cp >= 0x10000)
                {
                    text.Append(char.ConvertFromUtf32(cp));
                    unitToCodepoint.Add(i);
                }
                else
                {
                    text.Append((char)cp);
                }
            }
            unitToCodepoint.Add(length);
            var previousEnd = 0;
            foreach (var match in _regex.EnumerateMatches(text.ToString()))
            {
                int from = unitToCodepoint[match.Index], to = unitToCodepoint[match.Index + match.Length];
                if (from > previousEnd) output.Add(from - previousEnd);
                if (to > from) output.Add(to - from);
                previousEnd = to;
            }
            if (previousEnd < length) output.Add(length - previousEnd);
            start += length;
        }
    }

    /// <summary>ECMAScript meaning in .NET: astral class members as surrogate-pair alternatives, <c>$</c> as <c>\z</c>,
    /// <c>\s</c> as ECMAScript's ASCII set.</summary>
    internal static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length * 2);
        for (var i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                if (pattern[i + 1] == 's') sb.Append("[ \\t\\n\\v\\f\\r]");
                else sb.Append(c).Append(pattern[i + 1]);
                i++;
            }
            else if (c == '$')
            {
                sb.Append("\\z");
            }
            else if (c == '[')
            {
                int end = ClassEnd(pattern, i);
                sb.Append(TranslateClass(pattern[(i + 1)..end]));
                i = end;
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static int ClassEnd(string pattern, int open)
    {
        for (int j = open + 1; j < pattern.Length; j++)
        {
            if (pattern[j] == '\\') { j++; continue; }
            if (pattern[j] == ']' && j > open + 1) return j;
        }
        throw new ArgumentException($"unclosed character class in pre-tokenizer regex: {pattern}");
    }

    /// <summary>A class body to .NET: BMP members stay in the class, astral members and ranges become surrogate pairs.</summary>
    private static string TranslateClass(string body)
    {
        bool negated = body.StartsWith('^');
        var bmp = new StringBuilder();
        var astral = new List<(int Lo, int Hi)>();
        var runes = new List<(int Value, bool Escaped)>();
        for (int i = negated ? 1 : 0; i < body.Length;)
        {
            if (body[i] == '\\' && i + 1 < body.Length)
            {
                runes.Add((body[i + 1], true));
                i += 2;
                continue;
            }
            var r = Rune.GetRuneAt(body, i);
            runes.Add((r.Value, false));
            i += r.Utf16SequenceLength;
        }
        for (int k = 0; k < runes.Count; k++)
        {
            var (lo, escaped) = runes[k];
            int hi = lo;
            if (!escaped && k + 2 < runes.Count && runes[k + 1] is ('-', false))
            {
                hi = runes[k + 2].Value;
                k += 2;
            }
            if (lo >= 0x10000 || hi >= 0x10000)
            {
                if (negated) throw new ArgumentException("negated class with members above U+FFFF is not supported");
                astral.Add((Math.Max(lo, 0x10000), hi));
                if (lo < 0x10000) AppendBmp(bmp, lo, 0xFFFF, escaped);
                continue;
            }
            AppendBmp(bmp, lo, hi, escaped);
        }
        var cls = "[" + (negated ? "^" : "") + bmp + "]";
        if (astral.Count == 0) return cls;
        var alternatives = new List<string>();
        if (bmp.Length > 0) alternatives.Add(cls);
        foreach (var (lo, hi) in astral)
            for (int h = lo; h <= hi;)
            {
                // One alternative per high surrogate: \uHHHH[\uLLLL-\uLLLL].
                string a = char.ConvertFromUtf32(h);
                int blockEnd = Math.Min(hi, (h | 0x3FF));
                string b = char.ConvertFromUtf32(blockEnd);
                alternatives.Add($"\\u{(int)a[0]:X4}[\\u{(int)a[1]:X4}-\\u{(int)b[1]:X4}]");
                h = blockEnd + 1;
            }
        return "(?:" + string.Join('|', alternatives) + ")";
    }

    private static void AppendBmp(StringBuilder sb, int lo, int hi, bool escaped)
    {
        if (escaped)
        {
            sb.Append('\\').Append((char)lo);
            return;
        }
        sb.Append($"\\u{lo:X4}");
        if (hi != lo) sb.Append($"-\\u{hi:X4}");
    }
}
