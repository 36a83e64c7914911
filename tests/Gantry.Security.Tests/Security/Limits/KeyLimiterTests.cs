using Gantry.Security.Audit;
using Gantry.Security.Keys;
using Gantry.Security.Limits;

namespace Gantry.Security.Tests.Security.Limits;

public sealed class KeyLimiterTests
{
    private static readonly KeyId Key = new("0123456789ab");

    private static KeyLimiter Limiter(TenantLimits limits, ManualTimeProvider clock, QuotaLedger? quota = null) =>
        new(Key, limits, quota ?? new QuotaLedger(clock), clock);

    [Fact]
    public void Admit_OverRequestsPerMinute_RefusedUntilRefill()
    {
        var clock = new ManualTimeProvider();
        using var l = Limiter(new TenantLimits { RequestsPerMinute = 3 }, clock);
        for (var i = 0; i < 3; i++) l.Complete(l.Admit(10), 10);
        var refused = l.Admit(10);
        Assert.Equal(LimitKind.Requests, refused.RefusedBy);
        Assert.Equal(20, refused.RetryAfterSeconds);
        Assert.Equal(0, refused.Snapshot.RemainingRequests);
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(l.Admit(10).Admitted);
    }

    [Fact]
    public void Admit_TokensReservedThenCorrected()
    {
        var clock = new ManualTimeProvider();
        using var l = Limiter(new TenantLimits { TokensPerMinute = 1000 }, clock);
        var a = l.Admit(600); // prompt + max_tokens
        Assert.True(a.Admitted);
        Assert.Equal(LimitKind.Tokens, l.Admit(600).RefusedBy);
        l.Complete(a, 100); // really used 100: 500 come back
        Assert.Equal(900, l.Snapshot().RemainingTokens);
        Assert.True(l.Admit(600).Admitted);
        l.Complete(a, 100); // a second completion changes nothing
        Assert.Equal(300, l.Snapshot().RemainingTokens);
    }

    [Fact]
    public void Admit_OverConcurrency_RefusedUntilOneCompletes()
    {
        var clock = new ManualTimeProvider();
        using var l = Limiter(new TenantLimits { MaxConcurrent = 2, RequestsPerMinute = 100 }, clock);
        var a = l.Admit(1);
        var b = l.Admit(1);
        var c = l.Admit(1);
        Assert.True(a.Admitted && b.Admitted);
        Assert.Equal(LimitKind.Concurrency, c.RefusedBy);
        Assert.Equal(98, l.Snapshot().RemainingRequests); // the refused one took no request token
        l.Complete(a, 1);
        Assert.True(l.Admit(1).Admitted);
    }

    [Fact]
    public void Admit_RefusedByTokens_LeavesNoPartialState()
    {
        var clock = new ManualTimeProvider();
        using var l = Limiter(new TenantLimits { RequestsPerMinute = 5, TokensPerMinute = 100, MaxConcurrent = 2 }, clock);
        var a = l.Admit(60);
        Assert.True(a.Admitted);
        Assert.Equal(LimitKind.Tokens, l.Admit(50).RefusedBy);
        var snap = l.Snapshot();
        Assert.Equal(4, snap.RemainingRequests);
        Assert.Equal(40, snap.RemainingTokens);
        Assert.True(l.Admit(40).Admitted); // the refused request's concurrency slot was given back
    }

    [Fact]
    public void Admit_DailyQuota_RefusedUntilNextUtcDay()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 14, 23, 0, 0, TimeSpan.Zero));
        using var l = Limiter(new TenantLimits { TokensPerDay = 1000, TokensPerMonth = 1500 }, clock);
        l.Complete(l.Admit(900), 900);
        var refused = l.Admit(200);
        Assert.Equal(LimitKind.DailyQuota, refused.RefusedBy);
        Assert.Equal(3600, refused.RetryAfterSeconds);
        clock.Advance(TimeSpan.FromHours(1));
        l.Complete(l.Admit(500), 500);
        Assert.Equal(LimitKind.MonthlyQuota, l.Admit(200).RefusedBy);
    }

    [Fact]
    public void Quota_AfterRestart_StartsFromAuditLog()
    {
        using var dir = new TempStateDir();
        var clock = new ManualTimeProvider();
        var audit = new AuditLog(dir.Open());
        audit.Append(new AuditRecord(clock.GetUtcNow().AddHours(-1), "r1", Key.Value, "acme", "m", "/v1/completions", 300, 500, 12, 200, null, null));
        audit.Append(new AuditRecord(clock.GetUtcNow().AddDays(-1), "r0", Key.Value, "acme", "m", "/v1/completions", 1000, 1000, 12, 200, null, null));
        var ledger = new QuotaLedger(clock, audit);
        using var l = Limiter(new TenantLimits { TokensPerDay = 1000 }, clock, ledger);
        Assert.Equal(LimitKind.DailyQuota, l.Admit(201).RefusedBy);
        Assert.True(l.Admit(200).Admitted);
        Assert.Equal((1000L, 3000L), ledger.Used(Key)); // 800 today + 2000 yesterday + 200 reserved
    }
}
