namespace Gantry.Security.Tests.Security;

public sealed class SecuritySettingsTests
{
    [Fact]
    public void AuthNone_OnlyOnLoopback()
    {
        Assert.Equal(AuthMode.None, new SecuritySettings().Resolve(anyKey: false, "127.0.0.1"));
        Assert.Equal(AuthMode.Keys, new SecuritySettings().Resolve(anyKey: true, "0.0.0.0"));
        Assert.Throws<ArgumentException>(() => new SecuritySettings { Auth = AuthMode.None }.Resolve(anyKey: true, "0.0.0.0"));
        Assert.Throws<ArgumentException>(() => new SecuritySettings().Resolve(anyKey: false, "10.0.0.1"));
        Assert.Equal(AuthMode.None, new SecuritySettings { Auth = AuthMode.None }.Resolve(anyKey: true, "::1"));
    }
}
