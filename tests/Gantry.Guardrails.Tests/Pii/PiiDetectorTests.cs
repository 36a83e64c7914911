using Gantry.Guardrails.Pii;

namespace Gantry.Guardrails.Tests.Pii;

public sealed class PiiDetectorTests
{
    private static List<(PiiType Type, string Text)> Personal(string text)
    {
        var spans = new List<PiiSpan>();
        PiiDetector.FindPersonal(text, spans);
        return [.. spans.Select(s => (s.Type, text[s.Start..s.End]))];
    }

    private static List<(PiiType Type, string Text)> Secrets(string text)
    {
        var spans = new List<PiiSpan>();
        PiiDetector.FindSecrets(text, spans);
        return [.. spans.Select(s => (s.Type, text[s.Start..s.End]))];
    }

    [Theory]
    [InlineData("write to jane.doe+news@example.co.uk today", "jane.doe+news@example.co.uk")]
    [InlineData("ops@gantry.io,", "ops@gantry.io")]
    public void FindPersonal_Email_FindsExactSpan(string text, string expected) =>
        Assert.Contains((PiiType.Email, expected), Personal(text));

    [Theory]
    [InlineData("ping me at @username on the forum")]
    [InlineData("ssh root@localhost")]
    [InlineData("the decorator @Override is fine")]
    public void FindPersonal_EmailNearMiss_NotFound(string text) =>
        Assert.DoesNotContain(Personal(text), p => p.Type == PiiType.Email);

    [Theory]
    [InlineData("call +1 415 555 2671 now", "+1 415 555 2671")]
    [InlineData("office: (415) 555-2671.", "(415) 555-2671")]
    [InlineData("london +44 20 7946 0958", "+44 20 7946 0958")]
    [InlineData("or 415-555-2671", "415-555-2671")]
    [InlineData("Tel. 020 7946 0958", "020 7946 0958")]
    public void FindPersonal_Phone_FindsExactSpan(string text, string expected) =>
        Assert.Contains((PiiType.Phone, expected), Personal(text));

    [Theory]
    [InlineData("released on 2024-01-15 at 10:30")]
    [InlineData("ISBN 978-3-16-148410-0")]
    [InlineData("upgrade to version 10.0.19041")]
    [InlineData("order 12345 shipped in 3 boxes")]
    public void FindPersonal_PhoneNearMiss_NotFound(string text) =>
        Assert.DoesNotContain(Personal(text), p => p.Type == PiiType.Phone);

    [Theory]
    [InlineData("card 4111 1111 1111 1111 exp 12/27", "4111 1111 1111 1111")]
    [InlineData("card 4111-1111-1111-1111.", "4111-1111-1111-1111")]
    [InlineData("amex 378282246310005", "378282246310005")]
    [InlineData("mc 5500000000000004", "5500000000000004")]
    public void FindPersonal_PaymentCard_LuhnValid_Found(string text, string expected) =>
        Assert.Contains((PiiType.PaymentCard, expected), Personal(text));

    [Theory]
    [InlineData("card 4111 1111 1111 1112")] // fails Luhn
    [InlineData("mc 5500000000000005")] // fails Luhn
    [InlineData("tracking 1234567812345678")] // no card network starts with 1
    [InlineData("mixed 4111 1111-1111 1111")] // inconsistent grouping
    public void FindPersonal_PaymentCardNearMiss_NotFound(string text) =>
        Assert.DoesNotContain(Personal(text), p => p.Type == PiiType.PaymentCard);

    [Theory]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 please", "DE89 3704 0044 0532 0130 00")]
    [InlineData("pay GB82WEST12345698765432", "GB82WEST12345698765432")]
    [InlineData("FR1420041010050500013M02606", "FR1420041010050500013M02606")]
    public void FindPersonal_Iban_ChecksumValid_Found(string text, string expected) =>
        Assert.Contains((PiiType.Iban, expected), Personal(text));

    [Theory]
    [InlineData("IBAN DE89 3704 0044 0532 0130 01")] // bad checksum
    [InlineData("GB83WEST12345698765432")] // bad check digits
    [InlineData("part number AB12CDEF3456GHIJ")]
    public void FindPersonal_IbanNearMiss_NotFound(string text) =>
        Assert.DoesNotContain(Personal(text), p => p.Type == PiiType.Iban);

    [Fact]
    public void FindPersonal_UsSsn_Found() =>
        Assert.Contains((PiiType.UsSsn, "123-45-6789"), Personal("SSN 123-45-6789 on file"));

    [Theory]
    [InlineData("SSN 000-12-3456")]
    [InlineData("SSN 666-12-3456")]
    [InlineData("SSN 912-12-3456")]
    [InlineData("SSN 123-00-4567")]
    [InlineData("SSN 123-45-0000")]
    [InlineData("call 123-456-7890")]
    [InlineData("range 1123-45-67890")]
    public void FindPersonal_UsSsnNearMiss_NotFound(string text) =>
        Assert.DoesNotContain(Personal(text), p => p.Type == PiiType.UsSsn);

    [Theory]
    [InlineData("host 192.168.1.20 is down", "192.168.1.20")]
    [InlineData("from 8.8.8.8.", "8.8.8.8")]
    [InlineData("v6 2001:db8::8a2e:370:7334 ok", "2001:db8::8a2e:370:7334")]
    [InlineData("loopback ::1 aside, fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a")]
    public void FindPersonal_IpAddress_Found(string text, string expected) =>
        Assert.Contains((PiiType.IpAddress, expected), Personal(text));

    [Theory]
    [InlineData("Windows version 10.0.19041.1")]
    [InlineData("bump to v1.2.3.4")]
    [InlineData("Release 2.0.0.1 is out")]
    [InlineData("the assembly version 4.0.0.0")]
    [InlineData("sections 1.2.3.4.5 of the spec")]
    [InlineData("not an address: 256.1.1.1")]
    [InlineData("at 12:30:45 the job ran")]
    [InlineData("std::vector<int> in C++")]
    public void FindPersonal_IpNearMiss_NotFound(string text) =>
        Assert.DoesNotContain(Personal(text), p => p.Type == PiiType.IpAddress);

    [Fact]
    public void FindPersonal_PlainTextWithoutDigitsOrAt_FindsNothing() =>
        Assert.Empty(Personal("The quick brown fox jumps over the lazy dog, twice."));

    [Theory]
    [InlineData("key sk-proj-abc123XYZ789def456GHI012jkl345 here", "sk-proj-abc123XYZ789def456GHI012jkl345")]
    [InlineData("aws AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("token ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ12", "ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ12")]
    [InlineData("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc")]
    [InlineData("hf hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")]
    [InlineData("api_key = \"Zx8pQ2mN7vR4tY6wK1sL9dF3\"", "Zx8pQ2mN7vR4tY6wK1sL9dF3")]
    [InlineData("leaked: q7Vd9XkP2mLw8ZrT4bNc6YhJ1sGf3QaE5uKx0WzR", "q7Vd9XkP2mLw8ZrT4bNc6YhJ1sGf3QaE5uKx0WzR")]
    public void FindSecrets_ApiKey_Found(string text, string expected) =>
        Assert.Contains((PiiType.ApiKey, expected), Secrets(text));

    [Theory]
    [InlineData("the task-force met about risk-assessment-for-the-new-deployment-plan")]
    [InlineData("we use sk-learn and disk-based caching")]
    [InlineData("sk-this-is-not-a-real-key-at-all-ok")] // no digits, words
    [InlineData("sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    [InlineData("id 123e4567-e89b-12d3-a456-426614174000")]
    [InlineData("ThisIsAVeryLongIdentifierNameForAClassInJava")]
    [InlineData("token = placeholder")]
    public void FindSecrets_NearMiss_NotFound(string text) =>
        Assert.Empty(Secrets(text));

    [Fact]
    public void FindSecrets_PrivateKey_SpansHeaderToEnd()
    {
        const string key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAuX3k\nZ9a8b7c6\n-----END RSA PRIVATE KEY-----";
        Assert.Contains((PiiType.PrivateKey, key), Secrets("here:\n" + key + "\nthanks"));
    }

    [Fact]
    public void FindSecrets_PublicKey_NotFound() =>
        Assert.Empty(Secrets("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----"));

    [Fact]
    public void OpenPrivateKeyStart_HeaderWithoutEnd_ReturnsHeaderIndex()
    {
        Assert.Equal(4, PiiDetector.OpenPrivateKeyStart("key -----BEGIN PRIVATE KEY-----\nMIIE"));
        Assert.Equal(-1, PiiDetector.OpenPrivateKeyStart("key -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"));
    }
}
