using System.Text;

namespace Gantry.Engine.Constraints;

/// <summary>Writes GBNF fragments: quoted literals and character classes with every character escaped safely.</summary>
internal static class GbnfText
{
    /// <summary>A GBNF string literal matching exactly <paramref name="text"/>.</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            var cp = rune.Value;
            if (cp == '"') sb.Append("\\\"");
            else if (cp == '\\') sb.Append("\\\\");
            else if (cp < 0x20 || cp == 0x7F) sb.Append($"\\x{cp:X2}");
            else sb.Append(rune.ToString());
        }
        return sb.Append('"').ToString();
    }

    /// <summary>A GBNF character class matching one code point of <paramref name="set"/> (must not be empty).</summary>
    public static string Class(CodePointSet set)
    {
        var sb = new StringBuilder("[");
        foreach (var (lo, hi) in set.Ranges)
        {
            sb.Append(ClassChar(lo));
            if (hi == lo) continue;
            if (hi > lo + 1) sb.Append('-');
            sb.Append(ClassChar(hi));
        }
        return sb.Append(']').ToString();
    }

    private static string ClassChar(int cp) =>
        cp < 0x80 && char.IsAsciiLetterOrDigit((char)cp) ? ((char)cp).ToString()
        : cp < 0x80 ? $"\\x{cp:X2}"
        : cp <= 0xFFFF ? $"\\u{cp:X4}"
        : $"\\U{cp:X8}";
}
