using System.Text;
using System.Text.RegularExpressions;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Readings of transforms that leave no telltale alphabet, decoded only when the text names them, as a request
/// to decode and follow does: ROT13 and other Caesar shifts ("shift 3", "Caesar cipher of 5"), text reversed
/// whole or word by word ("backwards", "reversed"), the first letters of the words ("first letter of each
/// word"; of each line, an acrostic), and words joined by underscores ("remove the underscores"). Stateless.
/// </summary>
internal static partial class NamedTransforms
{
    /// <summary>The decoded readings of <paramref name="text"/> (the original, not the folded view: leet folding
    /// would turn "rot13" into "rotie").</summary>
    public static IEnumerable<string> Readings(ReadOnlySpan<char> text)
    {
        var found = new List<string>(2);
        if (text.Contains("rot13", StringComparison.OrdinalIgnoreCase) || text.Contains("rot-13", StringComparison.OrdinalIgnoreCase))
            found.Add(Shift(text, 13));
        if (ShiftCue().Match(text.ToString()) is { Success: true } m && int.TryParse(m.Groups["n"].ValueSpan, out var n) && n is > 0 and < 26)
            found.Add(Shift(text, 26 - n));
        if (text.Contains("backwards", StringComparison.OrdinalIgnoreCase) || text.Contains("reversed", StringComparison.OrdinalIgnoreCase)
            || text.Contains("reverse", StringComparison.OrdinalIgnoreCase))
        {
            var reversed = text.ToArray();
            Array.Reverse(reversed);
            found.Add(new string(reversed));
            found.Add(ReverseWords(text));
        }
        if (text.Contains("first letter", StringComparison.OrdinalIgnoreCase) || text.Contains("initial letter", StringComparison.OrdinalIgnoreCase))
        {
            found.Add(Initials(text));
            // An acrostic: the first letter of each line (or verse), the words spelled run together.
            if (text.Contains("line", StringComparison.OrdinalIgnoreCase) || text.Contains("verse", StringComparison.OrdinalIgnoreCase))
                found.Add(WordSegmenter.Segment(LineInitials(text)));
        }
        if (text.Contains('_') && Underscored().IsMatch(text)) found.Add(text.ToString().Replace('_', ' '));
        return found;
    }

    private static string Shift(ReadOnlySpan<char> s, int by)
    {
        var chars = s.ToArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is >= 'a' and <= 'z') chars[i] = (char)('a' + (c - 'a' + by) % 26);
            else if (c is >= 'A' and <= 'Z') chars[i] = (char)('A' + (c - 'A' + by) % 26);
        }
        return new string(chars);
    }

    private static string ReverseWords(ReadOnlySpan<char> s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var range in s.Split(' '))
        {
            var word = s[range].ToArray();
            Array.Reverse(word);
            sb.Append(word).Append(' ');
        }
        return sb.ToString();
    }

    private static string Initials(ReadOnlySpan<char> s)
    {
        var sb = new StringBuilder(s.Length / 4);
        var start = true;
        foreach (var c in s)
        {
            if (char.IsLetter(c) && start) sb.Append(c);
            start = !char.IsLetterOrDigit(c);
        }
        return sb.ToString();
    }

    /// <summary>The first letter of each line after the first (the cue "read the first letter of each line" opens the text).</summary>
    private static string LineInitials(ReadOnlySpan<char> s)
    {
        var sb = new StringBuilder(32);
        var line = 0;
        foreach (var range in s.SplitAny('\n', '\r'))
        {
            var l = s[range].TrimStart();
            if (l.IsEmpty || line++ == 0) continue;
            if (char.IsLetter(l[0])) sb.Append(l[0]);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"(caesar|shift(ed)?|rotat(e|ed|ion))\D{0,16}?(?<n>\d{1,2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShiftCue();

    /// <summary>Four or more letter words joined by underscores, as a sentence hidden from word matching.</summary>
    [GeneratedRegex(@"\p{L}{2,}(_\p{L}{2,}){3,}", RegexOptions.CultureInvariant)]
    private static partial Regex Underscored();
}
