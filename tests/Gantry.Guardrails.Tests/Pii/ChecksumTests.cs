using Gantry.Guardrails.Pii;

namespace Gantry.Guardrails.Tests.Pii;

public sealed class ChecksumTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("79927398713", true)]
    [InlineData("79927398710", false)]
    [InlineData("4111111111111112", false)]
    [InlineData("0", false)]
    public void Luhn_IsValid_MatchesReference(string number, bool expected) => Assert.Equal(expected, Luhn.IsValid(number));

    [Theory]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("GB82 WEST 1234 5698 7654 32", true)]
    [InlineData("NL91ABNA0417164300", true)]
    [InlineData("DE89370400440532013001", false)]
    [InlineData("DE8937040044", false)] // too short
    [InlineData("de89370400440532013000", false)] // lower case is not an IBAN as written
    public void IbanChecksum_IsValid_MatchesReference(string iban, bool expected) => Assert.Equal(expected, IbanChecksum.IsValid(iban));

    [Fact]
    public void ShannonEntropy_UniformAndConstant()
    {
        Assert.Equal(0, ShannonEntropy.BitsPerChar("aaaa"));
        Assert.Equal(2, ShannonEntropy.BitsPerChar("abcd"), 6);
    }
}
