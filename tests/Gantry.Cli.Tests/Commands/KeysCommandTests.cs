using Gantry.Cli;
using Gantry.Security;
using Gantry.Security.Keys;
using Gantry.Security.Storage;

namespace Gantry.Cli.Tests.Commands;

/// <summary><c>gantry keys</c> and <c>gantry audit</c> run in-process with stdout/stderr captured (one class: console redirection is global).</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gantry-cli-keys-").FullName;

    public void Dispose()
    {
        StateDatabase.ReleaseAll();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var o = new StringWriter();
        using var e = new StringWriter();
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            return (GantryCommand.Run(args), o.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    [Fact]
    public void Create_PrintsKeyAloneOnLastLine_ListAndRevokeNeverShowIt()
    {
        var (code, output, _) = Run("keys", "create", "--tenant", "acme", "--models", "a,b", "--rpm", "5", "--tpm", "100", "--max-concurrent", "2", "--state-dir", _dir);
        Assert.Equal(0, code);
        var last = output.TrimEnd().Split('\n')[^1].Trim();
        var key = ApiKey.TryParse(last);
        Assert.NotNull(key);
        var record = new KeyStore(StateDatabase.Open(_dir), TimeProvider.System).Authenticate(last);
        Assert.Equal(["a", "b"], record!.Tenant.Models);
        Assert.Equal((5, 100, 2), (record.Tenant.Limits.RequestsPerMinute, record.Tenant.Limits.TokensPerMinute, record.Tenant.Limits.MaxConcurrent));
        var list = Run("keys", "list", "--state-dir", _dir);
        Assert.Contains(key.Id.Value, list.Out);
        Assert.DoesNotContain(key.Secret, list.Out);
        Assert.Equal(0, Run("keys", "revoke", key.Id.Value, "--state-dir", _dir).Code);
        Assert.Null(new KeyStore(StateDatabase.Open(_dir), TimeProvider.System).Authenticate(last));
    }

    [Theory]
    [InlineData("keys", "create")]
    [InlineData("keys", "create", "--tenant", "x", "--role", "boss")]
    [InlineData("keys", "create", "--tenant", "x", "--rpm", "0")]
    [InlineData("keys", "create", "--tenant", "x", "--rpm", "many")]
    [InlineData("keys", "revoke", "nothex")]
    [InlineData("keys", "revoke", "0123456789ab")]
    [InlineData("audit", "--since", "yesterday")]
    [InlineData("audit", "--dp-epsilon", "1")]
    [InlineData("keys", "create", "--tenant", "x", "--guardrails", "pii=maybe")]
    [InlineData("keys", "create", "--tenant", "x", "--guardrails", "toxicity=block")]
    [InlineData("serve", "--guardrails", "pii")]
    [InlineData("serve", "--guardrails-deny-terms", "/nonexistent/deny.txt")]
    [InlineData("serve", "--guard-model", "/nonexistent/guard.gguf")]
    [InlineData("serve", "--guard-model-on-failure", "maybe")]
    [InlineData("serve", "--guard-model-stream-interval", "8")]
    [InlineData("serve", "--guard-model-stream-interval", "many")]
    [InlineData("serve", "--guardrails", "guard_modle=block")]
    public void BadArguments_OneLineOnStderr_Exit2(params string[] args)
    {
        var (code, _, err) = Run([.. args, "--state-dir", _dir]);
        Assert.Equal(2, code);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.StartsWith("gantry: ", err);
    }

    [Fact]
    public void Create_WithGuardrails_ListShowsThem_AuditShowsVerdicts()
    {
        var (code, output, _) = Run("keys", "create", "--tenant", "acme", "--guardrails", "pii=redact,injection=block", "--state-dir", _dir);
        Assert.Equal(0, code);
        var record = new KeyStore(StateDatabase.Open(_dir), TimeProvider.System).Authenticate(output.TrimEnd().Split('\n')[^1].Trim())!;
        Assert.Equal(Gantry.Guardrails.Pipeline.GuardrailMode.Block, record.Tenant.Guardrails!["injection"]);
        Assert.Contains("guardrails=injection=block,pii=redact", Run("keys", "list", "--state-dir", _dir).Out);

        new Gantry.Security.Audit.AuditLog(StateDatabase.Open(_dir)).Append(new Gantry.Security.Audit.AuditRecord(
            DateTimeOffset.UtcNow, "req-g", record.Id.Value, "acme", "m", "/v1/completions", 3, 0, 1.5, 400, "input:injection:block", "127.0.0.1"));
        var audit = Run("audit", "--state-dir", _dir);
        Assert.Contains("input:injection:block", audit.Out.Split('\n').Single(l => l.Contains("req-g", StringComparison.Ordinal)));
    }

    [Fact]
    public void Audit_EmptyLog_PrintsHeaderOnly()
    {
        var (code, output, _) = Run("audit", "--since", "7d", "--tenant", "acme", "--state-dir", _dir);
        Assert.Equal(0, code);
        Assert.Single(output.TrimEnd().Split('\n'));
        Assert.Equal(0, Run("audit", "--usage", "--dp-epsilon", "0.5", "--state-dir", _dir).Code);
    }
}
