using System.Text.RegularExpressions;

namespace Gantry.Guardrails.Pii;

/// <summary>
/// Source-generated candidate patterns for personal data. They over-match on purpose; <see cref="PiiDetector"/>
/// validates each candidate (digit counts, Luhn, IBAN mod 97, version-number context, IP parsing).
/// </summary>
internal static partial class PiiPatterns
{
    [GeneratedRegex(@"(?<![\w.+%-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b", RegexOptions.CultureInvariant)]
    public static partial Regex Email();

    /// <summary>International (+CC …), North American ((555) 123-4567, 555-123-4567) and trunk-prefixed national
    /// (020 7946 0958) forms. Digit count is checked afterwards.</summary>
    [GeneratedRegex(@"(?<![\w+.-])(?:\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){1,4}[ .-]?\d{2,5}|(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4}|0\d{2,4}[ -]\d{3,4}[ -]?\d{3,4})(?![\w-]|\.\d)", RegexOptions.CultureInvariant)]
    public static partial Regex Phone();

    /// <summary>13–19 digits, optionally grouped by single spaces or dashes.</summary>
    [GeneratedRegex(@"(?<![\d.-])[2-6]\d{3}(?:[ -]?\d){9,15}(?![\d-]|\.\d)", RegexOptions.CultureInvariant)]
    public static partial Regex PaymentCard();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b", RegexOptions.CultureInvariant)]
    public static partial Regex Iban();

    /// <summary>Dashed SSNs only, excluding never-issued areas (000, 666, 9xx), group 00 and serial 0000.</summary>
    [GeneratedRegex(@"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])", RegexOptions.CultureInvariant)]
    public static partial Regex UsSsn();

    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)", RegexOptions.CultureInvariant)]
    public static partial Regex IPv4();

    /// <summary>Colon-separated hex groups; <see cref="System.Net.IPAddress.TryParse(string?, out System.Net.IPAddress?)"/> decides.</summary>
    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{1,4}(?![\w:])", RegexOptions.CultureInvariant)]
    public static partial Regex IPv6();

    /// <summary>Text just before a dotted quad that makes it a version, not an address ("v1.2.3.4", "version 10.0.0.1").</summary>
    [GeneratedRegex(@"(?:\bv|\bversion|\bver\.?|\brelease|\bbuild|\bfirmware|\bsdk|\bruntime|\bassembly|\bfile)\s*[:=]?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex VersionPrefix();
}
