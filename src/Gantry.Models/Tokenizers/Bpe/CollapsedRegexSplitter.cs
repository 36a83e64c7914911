using System.Text;
using System.Text.RegularExpressions;

namespace Gantry.Models.Tokenizers.Bpe;

/// <summary>
/// A pre-tokenizer regex run the way llama.cpp runs the ones it has no hand-written scanner for:
/// on "collapsed" text, where each code point of 128 or more is replaced by one stand-in char for
/// its class (whitespace → \v, number → U+00D1, letter → U+00D2, punctuation → U+00D3, mark → U+00D4,
/// symbol → U+00D5, anything else → U+00D0), and each <c>\p{X}</c> in the pattern by a class of
/// that stand-in plus the ASCII members of X.
/// </summary>
/// <remarks>
/// Reproducing the collapse rather than using .NET's own <c>\p{L}</c> matters: it is what decides,
/// say, that a combining mark does not continue a word, or which non-ASCII spaces count as \s.
/// Text between matches stays as pieces of its own.
/// </remarks>
internal sealed class CollapsedRegexSplitter : IPreTokenizerStep
{
    private readonly Regex _regex;

    /// <param name="pattern">The pattern exactly as llama.cpp lists it for the pre-tokenizer.</param>
    public CollapsedRegexSplitter(string pattern)
    {
        Pattern = pattern;
        _regex = new Regex(Collapse(pattern), RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public string Pattern { get; }

    public void Split(in PreTokenizerInput input, List<int> pieces, List<int> output)
    {
        var start = 0;
        foreach (var length in pieces)
        {
            var previousEnd = 0;
            foreach (var match in _regex.EnumerateMatches(input.Collapsed.Slice(start, length)))
            {
                if (match.Index > previousEnd) output.Add(match.Index - previousEnd);
                if (match.Length > 0) output.Add(match.Length);
                previousEnd = match.Index + match.Length;
            }
            if (previousEnd < length) output.Add(length - previousEnd);
            start += length;
        }
    }

    /// <summary>The stand-in char for one code point (itself below 128).</summary>
    public static char CollapsedChar(int codepoint, CodepointFlags flags)
    {
        if (codepoint < 0x80) return (char)codepoint;
        if ((flags & CodepointFlags.Whitespace) != 0) return '\v';
        return (flags & CodepointFlags.CategoryMask) switch
        {
            CodepointFlags.Number => '\u00D1',
            CodepointFlags.Letter => '\u00D2',
            CodepointFlags.Punctuation => '\u00D3',
            CodepointFlags.AccentMark => '\u00D4',
            CodepointFlags.Symbol => '\u00D5',
            _ => '\u00D0',
        };
    }

    // Stand-in and ASCII members for each \p{...} llama.cpp understands.
    private static readonly Dictionary<string, string> s_categories = new(StringComparer.Ordinal)
    {
        ["\\p{N}"] = "\u00D10-9",
        ["\\p{L}"] = "\u00D2A-Za-z",
        ["\\p{Lu}"] = "\u00D2A-Za-z",
        ["\\p{Ll}"] = "\u00D2A-Za-z",
        ["\\p{Lt}"] = "\u00D2A-Za-z",
        ["\\p{Lm}"] = "\u00D2A-Za-z",
        ["\\p{Lo}"] = "\u00D2A-Za-z",
        ["\\p{P}"] = "\u00D3!-#%-*,-/:-;?-@\\[-\\]_\\{\\}",
        ["\\p{M}"] = "\u00D4",
        ["\\p{S}"] = "\u00D5\\$\\+<->\\^`\\|",
    };

    /// <summary>Rewrites each <c>\p{X}</c> into its collapsed class, bracketed unless already inside [...].</summary>
    internal static string Collapse(string pattern)
    {
        var sb = new StringBuilder(pattern.Length * 2);
        var inside = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '[' && (i == 0 || pattern[i - 1] != '\\'))
            {
                sb.Append('[');
                inside = true;
                continue;
            }
            if (inside && pattern[i] == ']' && pattern[i - 1] != '\\')
            {
                sb.Append(']');
                inside = false;
                continue;
            }
            if (pattern[i] == '\\' && i + 3 < pattern.Length && pattern[i + 1] == 'p' && pattern[i + 2] == '{')
            {
                var close = pattern.IndexOf('}', i + 3);
                if (close >= 0 && close <= i + 10 && s_categories.TryGetValue(pattern[i..(close + 1)], out var members))
                {
                    if (!inside) sb.Append('[');
                    sb.Append(members);
                    if (!inside) sb.Append(']');
                    i = close;
                    continue;
                }
            }
            sb.Append(pattern[i]);
        }
        return sb.ToString();
    }
}
