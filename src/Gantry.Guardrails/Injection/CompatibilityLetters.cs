using System.Text;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Folds the styled letters attackers use to slip past word filters (mathematical bold/italic/script/… letters and
/// digits, circled and parenthesised letters) to ASCII. NFKC does this where ICU is loaded; Gantry builds with
/// invariant globalization, where <see cref="string.Normalize(NormalizationForm)"/> leaves them, so the common
/// blocks are folded here. Characters outside those blocks are kept.
/// </summary>
internal static class CompatibilityLetters
{
    public static string Fold(string text)
    {
        if (!NeedsFold(text)) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var cp = char.ConvertToUtf32(text[i], text[i + 1]);
                if (Ascii(cp) is var a && a != '\0') { sb.Append(a); i++; continue; }
                sb.Append(text[i]).Append(text[i + 1]);
                i++;
                continue;
            }
            sb.Append(Ascii(text[i]) is var b && b != '\0' ? b : text[i]);
        }
        return sb.ToString();
    }

    private static bool NeedsFold(string text)
    {
        foreach (var c in text)
            if (c is >= '\u2460' and <= '\u24FF' || char.IsSurrogate(c)) return true;
        return false;
    }

    /// <summary>The ASCII letter or digit a styled code point stands for, or '\0'.</summary>
    private static char Ascii(int cp) => cp switch
    {
        >= 0x1D400 and <= 0x1D6A3 => (cp - 0x1D400) % 52 is var k && k < 26 ? (char)('A' + k) : (char)('a' + (cp - 0x1D400) % 52 - 26),
        >= 0x1D7CE and <= 0x1D7FF => (char)('0' + (cp - 0x1D7CE) % 10),
        >= 0x24B6 and <= 0x24CF => (char)('A' + cp - 0x24B6),
        >= 0x24D0 and <= 0x24E9 => (char)('a' + cp - 0x24D0),
        >= 0x249C and <= 0x24B5 => (char)('a' + cp - 0x249C),
        _ => '\0',
    };
}
