using Gantry.Security.Audit;
using Gantry.Security.Storage;

namespace Gantry.Security.Tests.Security.Audit;

public sealed class AuditLogTests
{
    private static AuditRecord Rec(DateTimeOffset t, string tenant, string model = "m", int pt = 10, int ct = 20, int status = 200) =>
        new(t, Guid.NewGuid().ToString("N"), "0123456789ab", tenant, model, "/v1/completions", pt, ct, 5.5, status, "injection:pass", "127.0.0.1");

    [Fact]
    public void Query_SinceAndTenant_FiltersNewestFirst()
    {
        using var dir = new TempStateDir();
        var log = new AuditLog(dir.Open());
        var t0 = new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
        log.Append(Rec(t0, "a"));
        log.Append(Rec(t0.AddMinutes(1), "b"));
        log.Append(Rec(t0.AddMinutes(2), "a", status: 429));
        var all = log.Query(new AuditQuery(t0));
        Assert.Equal(3, all.Count);
        Assert.Equal(429, all[0].Status);
        var a = log.Query(new AuditQuery(t0.AddSeconds(30), "a"));
        Assert.Single(a);
        Assert.Equal("injection:pass", a[0].Guardrails);
        Assert.Equal("127.0.0.1", a[0].Client);
        Assert.Null(a[0].Prompt);
    }

    [Fact]
    public void Audit_SurvivesRestart()
    {
        using var dir = new TempStateDir();
        new AuditLog(dir.Open()).Append(Rec(DateTimeOffset.UnixEpoch.AddDays(20000), "a"));
        StateDatabase.ReleaseAll();
        Assert.Single(new AuditLog(dir.Open()).Query(new AuditQuery(DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public async Task Pruner_DeletesRowsPastRetention()
    {
        using var dir = new TempStateDir();
        var clock = new ManualTimeProvider();
        var log = new AuditLog(dir.Open());
        log.Append(Rec(clock.GetUtcNow().AddDays(-31), "old"));
        log.Append(Rec(clock.GetUtcNow().AddDays(-29), "young"));
        var pruned = new TaskCompletionSource<int>();
        await using (new AuditPruner(log, TimeSpan.FromDays(30), clock, n => pruned.TrySetResult(n)))
            Assert.Equal(1, await pruned.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["young"], log.Query(new AuditQuery(DateTimeOffset.UnixEpoch)).Select(r => r.Tenant));
    }

    [Fact]
    public void PatternRedactor_MasksPersonalData()
    {
        var r = new PatternPromptRedactor().Redact("mail bob@example.com, call +1 (555) 123-4567, key sk-abcdefgh12345678, host 10.1.2.3");
        Assert.DoesNotContain("bob@example.com", r);
        Assert.DoesNotContain("123-4567", r);
        Assert.DoesNotContain("sk-abcdefgh", r);
        Assert.DoesNotContain("10.1.2.3", r);
        Assert.Contains("[EMAIL]", r);
    }

    [Fact]
    public void GuardrailsRedactor_MasksPersonalDataAndKeys()
    {
        var key = Gantry.Security.Keys.ApiKey.Generate().Reveal();
        var r = new GuardrailsPromptRedactor().Redact($"card 4111 1111 1111 1111, mail bob@example.com, my key {key}");
        Assert.DoesNotContain("4111", r);
        Assert.DoesNotContain("bob@example.com", r);
        Assert.DoesNotContain(key[3..], r);
        Assert.StartsWith("card ", r);
    }
}
