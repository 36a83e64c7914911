namespace Gantry.Guardrails.Pii;

/// <summary>The ISO 13616 IBAN check: move the first four characters to the end, read letters as 10..35, and
/// the resulting number mod 97 must be 1.</summary>
public static class IbanChecksum
{
    /// <summary>Whether <paramref name="iban"/> (spaces skipped, letters upper-case) has 15–34 characters, starts
    /// with a country code and check digits, and passes mod 97.</summary>
    public static bool IsValid(ReadOnlySpan<char> iban)
    {
        Span<char> compact = stackalloc char[34];
        var n = 0;
        foreach (var c in iban)
        {
            if (c == ' ') continue;
            if (n == compact.Length || !(char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c))) return false;
            compact[n++] = c;
        }
        if (n < 15 || !char.IsAsciiLetterUpper(compact[0]) || !char.IsAsciiLetterUpper(compact[1])
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3])) return false;

        var remainder = 0;
        for (var k = 0; k < n; k++)
        {
            var c = compact[(k + 4) % n];
            remainder = char.IsAsciiDigit(c)
                ? (remainder * 10 + (c - '0')) % 97
                : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        return remainder == 1;
    }
}
