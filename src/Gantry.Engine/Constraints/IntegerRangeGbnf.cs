using System.Globalization;

namespace Gantry.Engine.Constraints;

/// <summary>
/// GBNF for the decimal integers in a range (the regex-range construction): split by digit count, then by leading
/// digit, so every integer of [lo, hi] and nothing else matches, without leading zeros. Unbounded sides are capped
/// at <see cref="MaxDigits"/> digits, which keeps the text finite and within what a double holds exactly.
/// </summary>
internal static class IntegerRangeGbnf
{
    public const int MaxDigits = 16;

    /// <summary>Integers in [lo, hi]; null means unbounded on that side. Null result: the range is empty.</summary>
    public static string? Range(long? lo, long? hi)
    {
        if (lo > hi) return null;
        var alternatives = new List<string>();
        if (lo is null || lo < 0)
        {
            // negative part: "-" then magnitudes in [max(1, -hi), -lo]
            var magLo = hi is null || hi >= 0 ? 1 : -hi.Value;
            var magHi = lo is null ? (long?)null : -lo.Value;
            var negative = NonNegative(magLo, magHi);
            if (negative is not null) alternatives.Add("\"-\" " + negative);
        }
        if (hi is null || hi >= 0)
        {
            var nonNegative = NonNegative(Math.Max(0, lo ?? 0), hi);
            if (nonNegative is not null) alternatives.Add(nonNegative);
        }
        return alternatives.Count == 0 ? null : alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" | ", alternatives) + ")";
    }

    /// <summary>Non-negative integers in [lo, hi] (hi null: up to <see cref="MaxDigits"/> digits); null when empty.</summary>
    public static string? NonNegativeOrNull(long lo, long? hi) => hi < lo ? null : NonNegative(lo, hi);

    /// <summary>Non-negative integers in [lo, hi] (hi null: up to <see cref="MaxDigits"/> digits).</summary>
    public static string? NonNegative(long lo, long? hi)
    {
        var cap = Pow10(MaxDigits) - 1;
        var top = Math.Min(hi ?? cap, Math.Max(cap, lo));
        if (lo > top) return null;
        var alternatives = new List<string>();
        for (var digits = Digits(lo); digits <= Digits(top); digits++)
        {
            var from = Math.Max(lo, digits == 1 ? 0 : Pow10(digits - 1));
            var to = Math.Min(top, Pow10(digits) - 1);
            if (from <= to) alternatives.Add(SameLength(from.ToString(CultureInfo.InvariantCulture), to.ToString(CultureInfo.InvariantCulture)));
        }
        return alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" | ", alternatives) + ")";
    }

    /// <summary>Numbers between two digit strings of the same length (inclusive).</summary>
    private static string SameLength(string lo, string hi)
    {
        if (lo.Length == 0) return "\"\"";
        if (lo.Length == 1) return Digit(lo[0], hi[0]);
        if (lo[0] == hi[0]) return $"\"{lo[0]}\" " + SameLength(lo[1..], hi[1..]);
        var rest = lo.Length - 1;
        var alternatives = new List<string>();
        var loTailZero = lo[1..].All(c => c == '0');
        var hiTailNine = hi[1..].All(c => c == '9');
        var midLo = loTailZero ? lo[0] : (char)(lo[0] + 1);
        var midHi = hiTailNine ? hi[0] : (char)(hi[0] - 1);
        if (!loTailZero) alternatives.Add($"\"{lo[0]}\" " + SameLength(lo[1..], new string('9', rest)));
        if (midLo <= midHi) alternatives.Add($"{Digit(midLo, midHi)} [0-9]{{{rest}}}");
        if (!hiTailNine) alternatives.Add($"\"{hi[0]}\" " + SameLength(new string('0', rest), hi[1..]));
        return alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" | ", alternatives) + ")";
    }

    private static string Digit(char lo, char hi) => lo == hi ? $"\"{lo}\"" : $"[{lo}-{hi}]";

    private static int Digits(long n) => n.ToString(CultureInfo.InvariantCulture).Length;

    private static long Pow10(int n)
    {
        long p = 1;
        for (var i = 0; i < n; i++) p = p > long.MaxValue / 10 ? long.MaxValue : p * 10;
        return p;
    }
}
