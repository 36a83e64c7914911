using System.Globalization;
using System.Text;

namespace Gantry.Guardrails.Injection;

/// <summary>
/// Extra readings of spellings that hide words without a telltale alphabet and without naming a transform:
/// the NATO alphabet ("India Golf November …"), string fragments glued with "+" (<c>"ign" + "ore prev"</c>),
/// a combining accent on nearly every letter ("íǵńóŕé"), and hyphens inside words of alternating case
/// ("pRev-IouS"). Each reading is produced only when its telltale is present, so ordinary text costs one scan.
/// Stateless and thread-safe.
/// </summary>
internal static class ObfuscationReadings
{
    private static readonly Dictionary<string, char>.AlternateLookup<ReadOnlySpan<char>> Nato =
        new Dictionary<string, char>(StringComparer.OrdinalIgnoreCase)
        {
            ["alfa"] = 'a', ["alpha"] = 'a', ["bravo"] = 'b', ["charlie"] = 'c', ["delta"] = 'd', ["echo"] = 'e',
            ["foxtrot"] = 'f', ["golf"] = 'g', ["hotel"] = 'h', ["india"] = 'i', ["juliett"] = 'j', ["juliet"] = 'j',
            ["kilo"] = 'k', ["lima"] = 'l', ["mike"] = 'm', ["november"] = 'n', ["oscar"] = 'o', ["papa"] = 'p',
            ["quebec"] = 'q', ["romeo"] = 'r', ["sierra"] = 's', ["tango"] = 't', ["uniform"] = 'u', ["victor"] = 'v',
            ["whiskey"] = 'w', ["whisky"] = 'w', ["x-ray"] = 'x', ["xray"] = 'x', ["yankee"] = 'y', ["zulu"] = 'z',
            ["space"] = ' ', ["(space)"] = ' ', ["/"] = ' ', ["|"] = ' ', ["stop"] = ' ',
        }.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Appends each reading that applies to <paramref name="text"/> to <paramref name="readings"/>.</summary>
    public static void Add(string text, List<string> readings)
    {
        if (NatoReading(text) is { } nato) readings.Add(nato);
        if (text.Contains('+') && Concatenated(text) is { } glued) readings.Add(glued);
        if (!Ascii.IsValid(text) && StripDenseMarks(text) is { } bare) readings.Add(bare);
        if (text.Contains('-') && AlternatingCaseHyphens(text) is { } joined) readings.Add(joined);
    }

    /// <summary>Letters spelled by runs of five or more NATO code words ("India Golf November Oscar Romeo Echo"
    /// → "ignore"); "space", "stop", "/" break words. Null when no such run occurs.</summary>
    internal static string? NatoReading(string text)
    {
        StringBuilder? all = null;
        var run = new StringBuilder();
        var letters = 0;
        foreach (var range in text.AsSpan().SplitAny(" \t\n\r,;.:"))
        {
            var word = text.AsSpan()[range];
            if (word.IsEmpty) continue;
            if (Nato.TryGetValue(word, out var c))
            {
                run.Append(c);
                if (c != ' ') letters++;
                continue;
            }
            Flush();
        }
        Flush();
        return all?.ToString();

        void Flush()
        {
            if (letters >= 5) (all ??= new StringBuilder()).Append(run).Append(' ');
            run.Clear();
            letters = 0;
        }
    }

    /// <summary>Quoted fragments joined by "+" read as one string: <c>"ign" + "ore prev" + "ious"</c> → "ignore previous".</summary>
    internal static string? Concatenated(string text)
    {
        StringBuilder? sb = null;
        var i = 0;
        var pieces = 0;
        var current = new StringBuilder();
        while (i < text.Length)
        {
            var q = text[i];
            if (q is not ('"' or '\'')) { i++; continue; }
            var close = text.IndexOf(q, i + 1);
            if (close < 0 || close - i > 80) { i++; continue; }
            current.Append(text, i + 1, close - i - 1);
            pieces++;
            var next = close + 1;
            while (next < text.Length && text[next] == ' ') next++;
            if (next < text.Length && text[next] == '+')
            {
                next++;
                while (next < text.Length && text[next] == ' ') next++;
                if (next < text.Length && text[next] == q) { i = next; continue; }
            }
            if (pieces >= 3) (sb ??= new StringBuilder()).Append(current).Append(' ');
            current.Clear();
            pieces = 0;
            i = close + 1;
        }
        return sb?.ToString();
    }

    /// <summary>The text without combining marks when most letters carry one (a stacked-accent disguise); real
    /// French, Vietnamese or Polish text has accents on a minority of letters and gets no extra reading.</summary>
    internal static string? StripDenseMarks(string text)
    {
        // Cheap pre-check before decomposing: most letters must be accented Latin or followed by combining marks.
        int plain = 0, accented = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c)) plain++;
            else if (c is >= '\u00C0' and <= '\u024F' or >= '\u0300' and <= '\u036F' or >= '\u1E00' and <= '\u1EFF') accented++;
        }
        if (accented < 8 || accented * 2 < plain) return null;
        string decomposed;
        try { decomposed = text.Normalize(NormalizationForm.FormD); }
        catch (ArgumentException) { return null; }
        int letters = 0, marked = 0;
        var sb = new StringBuilder(decomposed.Length);
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                if (i > 0 && char.IsAsciiLetter(decomposed[i - 1])) marked++;
                continue;
            }
            if (char.IsAsciiLetter(c)) letters++;
            sb.Append(c);
        }
        // Count each marked letter once however many marks it carries: marks ≥ half the Latin letters.
        return letters >= 8 && marked * 2 >= letters ? sb.ToString() : null;
    }

    /// <summary>Hyphens removed inside words when several words mix case inside ("iGnoRe pRev-IouS"), a
    /// disguise that splits the words a filter looks for; ordinary compound words ("e-mail") are left alone.</summary>
    internal static string? AlternatingCaseHyphens(string text)
    {
        var odd = 0;
        foreach (var range in text.AsSpan().Split(' '))
        {
            var w = text.AsSpan()[range];
            var flips = 0;
            for (var k = 2; k < w.Length; k++)
                if (char.IsUpper(w[k]) && char.IsLower(w[k - 1])) flips++;
            if (flips > 0) odd++;
            if (odd >= 3) break;
        }
        if (odd < 3) return null;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '-' && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1])) continue;
            sb.Append(text[i]);
        }
        return sb.ToString();
    }
}
