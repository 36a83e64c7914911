using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Gantry.Guardrails.Pii;

/// <summary>
/// Finds personal data and secrets: regex candidates (<see cref="PiiPatterns"/>, <see cref="SecretPatterns"/>)
/// validated in code. Stateless. Fast paths: text without digits skips the numeric detectors, text without '@'
/// skips e-mail, text without '-----' skips private keys.
/// </summary>
public static class PiiDetector
{
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    /// <summary>Substrings every <see cref="SecretPatterns.PrefixedToken"/> match contains (case-insensitive superset).</summary>
    private static readonly SearchValues<string> TokenPrefixes = SearchValues.Create(
        ["sk-", "akia", "asia", "gh", "xox", "aiza", "_live_", "_test_", "glpat-", "hf_", "npm_", "eyj"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Substrings every <see cref="SecretPatterns.KeyedValue"/> match contains.</summary>
    private static readonly SearchValues<string> KeyWords = SearchValues.Create(
        ["key", "secret", "token", "bearer"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Appends the personal-data spans of <paramref name="text"/> (e-mail, phone, card, IBAN, SSN, IP).</summary>
    public static void FindPersonal(string text, List<PiiSpan> spans)
    {
        FindEmails(text, spans);
        if (text.AsSpan().IndexOfAny(Digits) < 0) return;

        foreach (var m in PiiPatterns.PaymentCard().EnumerateMatches(text))
        {
            var s = text.AsSpan(m.Index, m.Length);
            var digits = CountDigits(s);
            if (digits is >= 13 and <= 19 && ConsistentGrouping(s) && Luhn.IsValid(s)) spans.Add(new(PiiType.PaymentCard, m.Index, m.Index + m.Length));
        }
        foreach (var m in PiiPatterns.Iban().EnumerateMatches(text))
        {
            if (IbanChecksum.IsValid(text.AsSpan(m.Index, m.Length))) spans.Add(new(PiiType.Iban, m.Index, m.Index + m.Length));
        }
        AddAll(PiiPatterns.UsSsn(), text, PiiType.UsSsn, spans);
        foreach (var m in PiiPatterns.Phone().EnumerateMatches(text))
        {
            var digits = CountDigits(text.AsSpan(m.Index, m.Length));
            if (digits is >= 9 and <= 15 && !Overlaps(spans, m.Index, m.Index + m.Length)) spans.Add(new(PiiType.Phone, m.Index, m.Index + m.Length));
        }
        foreach (var m in PiiPatterns.IPv4().EnumerateMatches(text))
        {
            var before = text.AsSpan(Math.Max(0, m.Index - 16), Math.Min(16, m.Index));
            if (!PiiPatterns.VersionPrefix().IsMatch(before)) spans.Add(new(PiiType.IpAddress, m.Index, m.Index + m.Length));
        }
        if (MayHoldIPv6(text))
        {
            foreach (var m in PiiPatterns.IPv6().EnumerateMatches(text))
            {
                var s = text.AsSpan(m.Index, m.Length);
                if (s.IndexOfAnyInRange('0', '9') >= 0 || s.Contains("::", StringComparison.Ordinal))
                {
                    if (IPAddress.TryParse(s, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6)
                        spans.Add(new(PiiType.IpAddress, m.Index, m.Index + m.Length));
                }
            }
        }
    }

    /// <summary>Appends the secret spans of <paramref name="text"/> (API keys and tokens, private keys). A private key
    /// whose END line has not arrived runs to the end of the text.</summary>
    public static void FindSecrets(string text, List<PiiSpan> spans)
    {
        List<(int Start, int End)>? pem = null;
        if (text.Contains("-----", StringComparison.Ordinal))
        {
            foreach (var m in PrivateKeySpans(text)) spans.Add(m);
            foreach (var m in SecretPatterns.PemBlock().EnumerateMatches(text)) (pem ??= []).Add((m.Index, m.Index + m.Length));
        }
        if (text.AsSpan().IndexOfAny(TokenPrefixes) >= 0)
        {
            foreach (var m in SecretPatterns.PrefixedToken().EnumerateMatches(text))
            {
                var s = text.AsSpan(m.Index, m.Length);
                if (s.StartsWith("sk-") && !(s.IndexOfAnyInRange('0', '9') >= 0 && ShannonEntropy.BitsPerChar(s) >= 3.5)) continue;
                AddUnlessCovered(spans, new(PiiType.ApiKey, m.Index, m.Index + m.Length));
            }
        }
        if (text.AsSpan().IndexOfAny(KeyWords) >= 0)
        {
            foreach (Match m in SecretPatterns.KeyedValue().Matches(text))
            {
                var v = m.Groups["v"];
                if (LooksRandom(text.AsSpan(v.Index, v.Length), 3.3)) AddUnlessCovered(spans, new(PiiType.ApiKey, v.Index, v.Index + v.Length));
            }
        }
        foreach (var (at, length) in TokenRuns(text))
        {
            if (pem is not null && pem.Exists(b => b.Start <= at && at < b.End)) continue;
            if (LooksRandom(text.AsSpan(at, length), 4.2)) AddUnlessCovered(spans, new(PiiType.ApiKey, at, at + length));
        }
    }

    /// <summary>Runs of [A-Za-z0-9_-] of 32–128 characters not touching '/', '+', '=' or '.' on the left (standalone
    /// tokens: kept only with mixed case, digits and high entropy; found with a vectorized scan, not a regex).</summary>
    private static List<(int Start, int Length)> TokenRuns(string text)
    {
        var runs = new List<(int, int)>();
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var start = span[i..].IndexOfAny(TokenChars);
            if (start < 0) break;
            start += i;
            var len = span[start..].IndexOfAnyExcept(TokenChars);
            if (len < 0) len = span.Length - start;
            var end = start + len;
            if (len is >= 32 and <= 128
                && (start == 0 || span[start - 1] is not ('/' or '+' or '=' or '.'))
                && (end == span.Length || span[end] is not ('/' or '+' or '=')))
                runs.Add((start, len));
            i = end;
        }
        return runs;
    }

    /// <summary>An IPv6 address has "::" or at least five colons within 40 characters.</summary>
    private static bool MayHoldIPv6(string text)
    {
        if (text.Contains("::", StringComparison.Ordinal)) return true;
        Span<int> last = stackalloc int[5];
        var n = 0;
        for (var i = text.IndexOf(':'); i >= 0; i = text.IndexOf(':', i + 1))
        {
            if (n >= 5 && i - last[n % 5] <= 40) return true;
            last[n % 5] = i;
            n++;
        }
        return false;
    }

    /// <summary>Start of a private-key header that has no END line after it, or -1. The streaming guard holds text
    /// from here on until the key is complete.</summary>
    public static int OpenPrivateKeyStart(string text)
    {
        if (!text.Contains("-----", StringComparison.Ordinal)) return -1;
        var open = -1;
        foreach (var span in PrivateKeySpans(text))
        {
            if (span.End == text.Length && !SecretPatterns.PrivateKeyEnd().IsMatch(text.AsSpan(span.Start))) open = span.Start;
        }
        return open;
    }

    private static IEnumerable<PiiSpan> PrivateKeySpans(string text)
    {
        var from = 0;
        while (from < text.Length)
        {
            var begin = SecretPatterns.PrivateKeyBegin().Match(text, from);
            if (!begin.Success) yield break;
            var end = SecretPatterns.PrivateKeyEnd().Match(text, begin.Index + begin.Length);
            var stop = end.Success ? end.Index + end.Length : text.Length;
            yield return new PiiSpan(PiiType.PrivateKey, begin.Index, stop);
            from = stop;
        }
    }

    /// <summary>A random-looking token: letters and digits both present, not all one case unless long and dense,
    /// and entropy of at least <paramref name="minBits"/> bits per character.</summary>
    private static bool LooksRandom(ReadOnlySpan<char> s, double minBits)
    {
        bool upper = false, lower = false, digit = false;
        foreach (var c in s)
        {
            upper |= char.IsAsciiLetterUpper(c);
            lower |= char.IsAsciiLetterLower(c);
            digit |= char.IsAsciiDigit(c);
        }
        if (!digit || !(upper || lower)) return false;
        if (!(upper && lower) && minBits > 4) return false; // lower-case hex digests and UUIDs are not secrets
        return ShannonEntropy.BitsPerChar(s) >= minBits;
    }

    /// <summary>E-mail matches are looked for only just before each '@' (the local part is at most 64 characters),
    /// so text without '@' costs one vectorized search.</summary>
    private static void FindEmails(string text, List<PiiSpan> spans)
    {
        var from = 0;
        for (var at = text.IndexOf('@'); at >= 0; at = text.IndexOf('@', Math.Max(at + 1, from)))
        {
            var start = Math.Max(from, at - 64);
            var m = PiiPatterns.Email().Match(text, start, Math.Min(text.Length - start, at - start + 256));
            if (m.Success && m.Index <= at && at < m.Index + m.Length)
            {
                spans.Add(new(PiiType.Email, m.Index, m.Index + m.Length));
                from = m.Index + m.Length;
            }
        }
    }

    private static void AddAll(Regex regex, string text, PiiType type, List<PiiSpan> spans)
    {
        foreach (var m in regex.EnumerateMatches(text)) spans.Add(new(type, m.Index, m.Index + m.Length));
    }

    private static void AddUnlessCovered(List<PiiSpan> spans, PiiSpan span)
    {
        if (!Overlaps(spans, span.Start, span.End)) spans.Add(span);
    }

    private static bool Overlaps(List<PiiSpan> spans, int start, int end)
    {
        foreach (var s in spans) if (s.Start < end && start < s.End) return true;
        return false;
    }

    private static int CountDigits(ReadOnlySpan<char> s)
    {
        var n = 0;
        foreach (var c in s) if (char.IsAsciiDigit(c)) n++;
        return n;
    }

    /// <summary>A card number is either unbroken or uses one kind of separator throughout.</summary>
    private static bool ConsistentGrouping(ReadOnlySpan<char> s) => !(s.Contains(' ') && s.Contains('-'));
}
