using Gantry.Security.Keys;

namespace Gantry.Security.Tests.Security.Keys;

public sealed class ApiKeyTests
{
    [Fact]
    public void TryParse_RevealedKey_RoundTrips()
    {
        var key = ApiKey.Generate();
        var text = key.Reveal();
        Assert.Matches("^gk-[0-9a-f]{12}-[0-9a-f]{64}$", text);
        Assert.Equal(key, ApiKey.TryParse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk-abc")]
    [InlineData("gk-0123456789ab-")]
    [InlineData("gk-0123456789AB-0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("gk-0123456789ab_0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("gk-0123456789ab-000000000000000000000000000000000000000000000000000000000000000g")]
    public void TryParse_Malformed_ReturnsNull(string text) => Assert.Null(ApiKey.TryParse(text));

    [Fact]
    public void ToString_NeverShowsSecret()
    {
        var key = ApiKey.Generate();
        Assert.DoesNotContain(key.Secret, key.ToString());
        Assert.DoesNotContain(key.Secret, $"{key}");
    }

    [Fact]
    public void Verify_SameSecretDifferentSalt_DifferentHashes()
    {
        var a = KeyHasher.Hash(KeyHasher.NewSalt(), "s");
        var b = KeyHasher.Hash(KeyHasher.NewSalt(), "s");
        Assert.NotEqual(a, b);
        var salt = KeyHasher.NewSalt();
        Assert.True(KeyHasher.Verify(salt, KeyHasher.Hash(salt, "s"), "s"));
        Assert.False(KeyHasher.Verify(salt, KeyHasher.Hash(salt, "s"), "t"));
    }
}
