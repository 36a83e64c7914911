using System.Text;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Undoes the character-level tricks used to hide an injection from naive filters, keeping a map back to the
/// original offsets: invisible characters (zero-width, soft hyphen, BOM) and bidi controls are dropped, Unicode tag
/// characters (U+E0020–E007E, "ASCII smuggling") become the ASCII they encode, full-width forms and Cyrillic/Greek
/// look-alikes become Latin, and optionally leetspeak digits inside words become letters (1gn0r3 → ignore).
/// </summary>
internal static class TextNormalizer
{
    /// <summary>The normalized text and, when offsets moved, Map[i] = original index of Text[i] (null: identity).</summary>
    internal readonly record struct Result(string Text, int[]? Map, int Invisible, int Tags, int Bidi, int MixedScriptWords, int LeetWords)
    {
        /// <summary>Original [start, end) of normalized [start, end).</summary>
        public (int Start, int End) ToOriginal(int start, int end) =>
            Map is null ? (start, end) : (Map[start], Map[end - 1] + 1);
    }

    /// <summary>Whether <see cref="Normalize"/> with leet folding could change <paramref name="text"/>: some word
    /// mixes letters with 0,1,3,4,5,7,@,$.</summary>
    public static bool HasLeetCandidates(string text)
    {
        var letters = 0;
        var leet = false;
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c)) letters++;
            else if (IsLeet(c)) leet = true;
            else if (!char.IsAsciiDigit(c))
            {
                if (letters >= 2 && leet) return true;
                letters = 0;
                leet = false;
            }
        }
        return letters >= 2 && leet;
    }

    public static Result Normalize(string text, bool foldLeet)
    {
        if (System.Text.Ascii.IsValid(text))
        {
            if (!foldLeet) return new(text, null, 0, 0, 0, 0, 0);
            // ASCII: leet folding replaces characters one for one, so offsets are unchanged and no map is needed.
            var ascii = new StringBuilder(text);
            var folded = FoldLeet(ascii);
            return new(folded == 0 ? text : ascii.ToString(), null, 0, 0, 0, 0, folded);
        }

        var sb = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        int invisible = 0, tags = 0, bidi = 0, mixed = 0, leetWords = 0;
        bool wordLatin = false, wordOther = false, wordNative = false;
        var wordStart = 0;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var cp = char.ConvertToUtf32(c, text[i + 1]);
                if (cp is >= 0xE0000 and <= 0xE007F)
                {
                    tags++;
                    if (cp is >= 0xE0020 and <= 0xE007E) { sb.Append((char)(cp - 0xE0000)); map.Add(i); }
                    i++;
                    continue;
                }
                sb.Append(c).Append(text[i + 1]);
                map.Add(i);
                map.Add(i + 1);
                i++;
                continue;
            }
            if (IsInvisible(c)) { invisible++; continue; }
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069') { bidi++; continue; }

            var mapped = c;
            if (c is >= '\uFF01' and <= '\uFF5E') mapped = (char)(c - 0xFEE0);
            else if (Homoglyph(c) is var h && h != '\0') { mapped = h; wordOther = true; }

            if (char.IsAsciiLetter(c)) wordLatin = true;
            else if (char.IsLetter(c) && mapped == c) wordNative = true;
            else if (!char.IsLetter(c) && !IsLeet(c))
            {
                if (wordLatin && wordOther) mixed++;
                if (wordNative && !wordLatin) KeepNative(text, sb, map, wordStart);
                wordLatin = wordOther = wordNative = false;
                wordStart = sb.Length + 1;
            }
            sb.Append(mapped);
            map.Add(i);
        }
        if (wordLatin && wordOther) mixed++;
        if (wordNative && !wordLatin) KeepNative(text, sb, map, wordStart);

        if (foldLeet) leetWords = FoldLeet(sb);
        var normalized = sb.ToString();
        if (normalized == text) return new(text, null, 0, 0, 0, 0, 0);
        return new(normalized, [.. map], invisible, tags, bidi, mixed, leetWords);
    }

    /// <summary>In each run of letters, digits, '@' and '$' that has both a letter and a leet character, replaces
    /// the leet characters with the letters they stand for. Returns how many runs changed.</summary>
    private static int FoldLeet(StringBuilder sb)
    {
        var changed = 0;
        var i = 0;
        while (i < sb.Length)
        {
            if (!(char.IsAsciiLetter(sb[i]) || IsLeet(sb[i]))) { i++; continue; }
            var start = i;
            bool letters = false, leet = false;
            while (i < sb.Length && (char.IsAsciiLetterOrDigit(sb[i]) || sb[i] is '@' or '$'))
            {
                if (char.IsAsciiLetter(sb[i])) letters = true;
                else if (IsLeet(sb[i])) leet = true;
                i++;
            }
            if (start == i) { i++; continue; }
            if (!(letters && leet)) continue;
            changed++;
            for (var k = start; k < i; k++) sb[k] = Unleet(sb[k]);
        }
        return changed;
    }

    private static bool IsLeet(char c) => c is '0' or '1' or '3' or '4' or '5' or '7' or '@' or '$';

    private static char Unleet(char c) => c switch
    {
        '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '@' => 'a', '$' => 's',
        _ => c,
    };

    private static bool IsInvisible(char c) =>
        c is >= '\u200B' and <= '\u200F' or >= '\u2060' and <= '\u2064' or '\uFEFF' or '\u00AD' or '\u180E' or '\u034F';

    /// <summary>Undoes look-alike folding in a word of a real Cyrillic or Greek text (it has letters with no Latin
    /// look-alike and no Latin letter): "все" stays Russian; "Ignоre" (one Cyrillic о) and "рор" (look-alikes
    /// only) are still folded.</summary>
    private static void KeepNative(string text, StringBuilder sb, List<int> map, int wordStart)
    {
        for (var k = wordStart; k < sb.Length; k++)
            if (Homoglyph(text[map[k]]) != '\0') sb[k] = text[map[k]];
    }

    /// <summary>Latin look-alike of a Cyrillic or Greek letter, or '\0'.</summary>
    private static char Homoglyph(char c) => c switch
    {
        // Cyrillic
        '\u0430' => 'a', '\u0435' => 'e', '\u043E' => 'o', '\u0440' => 'p', '\u0441' => 'c', '\u0443' => 'y', '\u0445' => 'x',
        '\u0456' => 'i', '\u0458' => 'j', '\u0455' => 's', '\u0501' => 'd', '\u04BB' => 'h', '\u0261' => 'g',
        '\u0410' => 'A', '\u0412' => 'B', '\u0415' => 'E', '\u041A' => 'K', '\u041C' => 'M', '\u041D' => 'H', '\u041E' => 'O',
        '\u0420' => 'P', '\u0421' => 'C', '\u0422' => 'T', '\u0425' => 'X', '\u0406' => 'I', '\u0408' => 'J', '\u0405' => 'S',
        // Greek
        '\u03BF' => 'o', '\u03B1' => 'a', '\u03B5' => 'e', '\u03B9' => 'i', '\u03BD' => 'v', '\u03C1' => 'p', '\u03BA' => 'k',
        '\u0391' => 'A', '\u0392' => 'B', '\u0395' => 'E', '\u0399' => 'I', '\u039A' => 'K', '\u039C' => 'M', '\u039D' => 'N',
        '\u039F' => 'O', '\u03A1' => 'P', '\u03A4' => 'T', '\u03A7' => 'X', '\u03A5' => 'Y', '\u0396' => 'Z',
        // Greek letters that pass for Latin in a disguise though not identical in shape (η n, υ u, τ t, ω w, γ y,
        // χ x, Δ D, Η H): a word of real Greek keeps them through KeepNative when any letter has no look-alike.
        '\u03B7' => 'n', '\u03C5' => 'u', '\u03C4' => 't', '\u03C9' => 'w', '\u03B3' => 'y', '\u03C7' => 'x',
        '\u0394' => 'D', '\u0397' => 'H',
        _ => '\0',
    };
}
