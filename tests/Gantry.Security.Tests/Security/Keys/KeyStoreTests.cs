using System.Text;
using Gantry.Security;
using Gantry.Security.Keys;
using Gantry.Security.Storage;

namespace Gantry.Security.Tests.Security.Keys;

public sealed class KeyStoreTests
{
    private static readonly Tenant Acme = new("acme", TenantRole.User, ["m1", "m2"], new TenantLimits { RequestsPerMinute = 10, TokensPerMinute = 1000, MaxConcurrent = 2 });

    [Fact]
    public void Authenticate_CreatedKey_ReturnsItsTenant()
    {
        using var dir = new TempStateDir();
        var store = new KeyStore(dir.Open(), TimeProvider.System);
        var (key, _) = store.Create(Acme);
        var record = store.Authenticate(key.Reveal());
        Assert.NotNull(record);
        Assert.Equal(Acme.Name, record.Tenant.Name);
        Assert.Equal(["m1", "m2"], record.Tenant.Models);
        Assert.Equal(10, record.Tenant.Limits.RequestsPerMinute);
        Assert.True(record.Tenant.MayUse("m1"));
        Assert.False(record.Tenant.MayUse("m3"));
    }

    [Fact]
    public void Authenticate_WrongSecretUnknownIdOrRevoked_ReturnsNull()
    {
        using var dir = new TempStateDir();
        var store = new KeyStore(dir.Open(), TimeProvider.System);
        var (key, _) = store.Create(Acme);
        Assert.Null(store.Authenticate(key with { Secret = new string('0', 64) } is var k ? k.Reveal() : null));
        Assert.Null(store.Authenticate(ApiKey.Generate().Reveal()));
        Assert.Null(store.Authenticate("Bearer nonsense"));
        Assert.Null(store.Authenticate(null));
        Assert.True(store.Revoke(key.Id));
        Assert.False(store.Revoke(key.Id));
        Assert.Null(store.Authenticate(key.Reveal()));
        Assert.False(store.AnyActive());
    }

    [Fact]
    public void Keys_SurviveRestart()
    {
        using var dir = new TempStateDir();
        var (key, _) = new KeyStore(dir.Open(), TimeProvider.System).Create(Acme);
        StateDatabase.ReleaseAll();
        var reopened = new KeyStore(dir.Open(), TimeProvider.System);
        Assert.NotNull(reopened.Authenticate(key.Reveal()));
        Assert.Single(reopened.List());
        Assert.True(reopened.AnyActive());
    }

    [Fact]
    public void StateFile_NeverHoldsSecretInClear()
    {
        using var dir = new TempStateDir();
        var db = dir.Open();
        var keys = Enumerable.Range(0, 5).Select(_ => new KeyStore(db, TimeProvider.System).Create(Acme).Key).ToList();
        StateDatabase.ReleaseAll();
        var bytes = Directory.GetFiles(dir.Path).SelectMany(File.ReadAllBytes).ToArray();
        var text = Encoding.ASCII.GetString(bytes);
        foreach (var key in keys)
        {
            Assert.Contains(key.Id.Value, text); // the id is stored, which proves the scan sees the rows
            Assert.DoesNotContain(key.Secret, text);
            Assert.DoesNotContain(key.Secret.ToUpperInvariant(), text);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Convert.FromHexString(key.Secret)));
        }
    }

    [Fact]
    public void Create_InvalidTenant_Throws()
    {
        using var dir = new TempStateDir();
        var store = new KeyStore(dir.Open(), TimeProvider.System);
        Assert.Throws<ArgumentException>(() => store.Create(Acme with { Name = " " }));
        Assert.Throws<ArgumentException>(() => store.Create(Acme with { Limits = new TenantLimits { RequestsPerMinute = 0 } }));
        Assert.Empty(store.List());
    }
}
