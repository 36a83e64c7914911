using Gantry.Guardrails.Pipeline;
using Gantry.Security;
using Gantry.Security.Keys;
using Gantry.Security.Storage;
using Microsoft.Data.Sqlite;

namespace Gantry.Security.Tests.Security.Keys;

/// <summary>A key's guardrail modes in the state database: stored, read back, changed, and absent in databases made before the column existed.</summary>
public sealed class KeyGuardrailsTests
{
    private static Tenant Acme(string? spec) =>
        new("acme", TenantRole.User, [], TenantLimits.Unlimited) { Guardrails = spec is null ? null : GuardrailModeSpec.Parse(spec) };

    [Fact]
    public void Create_WithModes_SurviveReopenAndUpdate()
    {
        using var dir = new TempStateDir();
        var (key, _) = new KeyStore(dir.Open(), TimeProvider.System).Create(Acme("injection=block,pii=redact"));
        StateDatabase.ReleaseAll();
        var store = new KeyStore(dir.Open(), TimeProvider.System);
        var modes = store.Authenticate(key.Reveal())!.Tenant.Guardrails!;
        Assert.Equal((GuardrailMode.Block, GuardrailMode.Redact, 2), (modes["injection"], modes["pii"], modes.Count));

        Assert.True(store.SetGuardrails(key.Id, GuardrailModeSpec.Parse("secrets=block")));
        Assert.Equal("secrets=block", GuardrailModeSpec.Format(store.Find(key.Id)!.Tenant.Guardrails!));
        Assert.True(store.SetGuardrails(key.Id, null));
        Assert.Null(store.Find(key.Id)!.Tenant.Guardrails);
        Assert.True(store.Revoke(key.Id));
        Assert.False(store.SetGuardrails(key.Id, null));
    }

    [Fact]
    public void Create_WithoutModes_NullMeansServerDefault()
    {
        using var dir = new TempStateDir();
        var store = new KeyStore(dir.Open(), TimeProvider.System);
        var (key, _) = store.Create(Acme(null));
        Assert.Null(store.Authenticate(key.Reveal())!.Tenant.Guardrails);
    }

    [Fact]
    public void Validate_UnknownCheck_Throws()
    {
        var tenant = Acme(null) with { Guardrails = new Dictionary<string, GuardrailMode> { ["toxicity"] = GuardrailMode.Block } };
        Assert.Throws<ArgumentException>(tenant.Validate);
    }

    [Fact]
    public void Open_DatabaseFromBeforeGuardrails_MigratesAndKeepsKeys()
    {
        using var dir = new TempStateDir();
        // The keys table as the first release made it, with one key in it.
        var (key, _) = new KeyStore(dir.Open(), TimeProvider.System).Create(Acme(null));
        StateDatabase.ReleaseAll();
        var path = Path.Combine(dir.Path, StateDatabase.FileName);
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "ALTER TABLE keys DROP COLUMN guardrails";
            cmd.ExecuteNonQuery();
            cmd.CommandText = "SELECT COUNT(*) FROM pragma_table_info('keys') WHERE name = 'guardrails'";
            Assert.Equal(0L, (long)cmd.ExecuteScalar()!);
        }

        var store = new KeyStore(dir.Open(), TimeProvider.System);
        var record = store.Authenticate(key.Reveal());
        Assert.NotNull(record);
        Assert.Null(record.Tenant.Guardrails);
        var (second, _) = store.Create(Acme("pii=block"));
        Assert.Equal(GuardrailMode.Block, store.Authenticate(second.Reveal())!.Tenant.Guardrails!["pii"]);
        StateDatabase.ReleaseAll();
        Assert.Equal(2, new KeyStore(dir.Open(), TimeProvider.System).List().Count); // opening again is a no-op
    }
}
