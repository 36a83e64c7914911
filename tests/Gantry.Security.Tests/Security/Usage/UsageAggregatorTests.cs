using Gantry.Security.Audit;
using Gantry.Security.Usage;

namespace Gantry.Security.Tests.Security.Usage;

public sealed class UsageAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private static UsageAggregator Seed(TempStateDir dir)
    {
        var db = dir.Open();
        var log = new AuditLog(db);
        for (var i = 0; i < 10; i++) log.Append(new AuditRecord(T0, $"r{i}", "k", "acme", "m1", "/v1/completions", 10, 20, 1, 200, null, null));
        log.Append(new AuditRecord(T0, "big", "k", "acme", "m2", "/v1/completions", 100_000, 5, 1, 200, null, null));
        log.Append(new AuditRecord(T0, "b", "k2", "beta", "m1", "/v1/chat/completions", 1, 2, 1, 200, null, null));
        log.Append(new AuditRecord(T0, "refused", "k2", "beta", "m1", "/v1/chat/completions", 0, 0, 1, 429, null, null)); // not usage
        return new UsageAggregator(db);
    }

    [Fact]
    public void Aggregate_GroupsByTenantAndModel()
    {
        using var dir = new TempStateDir();
        var rows = Seed(dir).Aggregate(T0);
        Assert.Equal(
            [new UsageRow("acme", "m1", 10, 100, 200), new UsageRow("acme", "m2", 1, 100_000, 5), new UsageRow("beta", "m1", 1, 1, 2)],
            rows);
    }

    [Fact]
    public void AggregatePrivate_ClampsAndAddsUnbiasedNoise()
    {
        using var dir = new TempStateDir();
        var agg = Seed(dir);
        var noise = LaplaceMechanism.Seeded(42);
        var runs = Enumerable.Range(0, 400).Select(_ => agg.AggregatePrivate(T0, 30, noise)).ToList();
        var big = runs.Select(r => r.Single(u => u.Model == "m2").PromptTokens).Average();
        Assert.InRange(big, UsageAggregator.TokenClamp - 200, UsageAggregator.TokenClamp + 200); // clamped to 4096
        var requests = runs.Select(r => r[0].Requests).Average();
        Assert.InRange(requests, 9.9, 10.1);
        Assert.NotEqual(10, runs[0][0].Requests);
        Assert.Throws<ArgumentException>(() => agg.AggregatePrivate(T0, 0, noise));
        Assert.Throws<ArgumentException>(() => agg.AggregatePrivate(T0, double.NaN, noise));
    }

    [Fact]
    public void Aggregate_Costs_SumPerCell_RoundTripThroughTheAuditLog_LeftOutUnderPrivacy()
    {
        using var dir = new TempStateDir();
        var db = dir.Open();
        var log = new AuditLog(db);
        var a = new Gantry.Engine.Costs.RequestCost(1e9, 2e6, 0.25, 12.5, 0.001, 0.0003);
        var b = new Gantry.Engine.Costs.RequestCost(3e9, 1e6, 0.5, 25, 0.002, 0.0001);
        log.Append(new AuditRecord(T0, "a", "k", "acme", "m1", "/v1/completions", 10, 20, 1, 200, null, null, Cost: a));
        log.Append(new AuditRecord(T0, "b", "k", "acme", "m1", "/v1/completions", 10, 20, 1, 200, null, null, Cost: b));
        log.Append(new AuditRecord(T0, "old", "k", "acme", "m1", "/v1/completions", 10, 20, 1, 200, null, null)); // no cost kept
        log.Append(new AuditRecord(T0, "c", "k", "beta", "m1", "/v1/completions", 1, 2, 1, 200, null, null));
        var rows = new UsageAggregator(db).Aggregate(T0);
        var acme = rows.Single(r => r.Tenant == "acme").Cost!.Value;
        Assert.Equal((4e9, 3e6, 0.75, 37.5), (acme.Flops, acme.BytesRead, acme.CpuSeconds, acme.Joules));
        Assert.Equal(0.003, acme.GramsCo2e, 12);
        Assert.Equal(0.0004, acme.Price, 12);
        Assert.Null(rows.Single(r => r.Tenant == "beta").Cost);
        Assert.Equal(a, log.Query(new AuditQuery(T0, null, 10)).Single(r => r.RequestId == "a").Cost);
        Assert.Null(log.Query(new AuditQuery(T0, null, 10)).Single(r => r.RequestId == "old").Cost);
        Assert.All(new UsageAggregator(db).AggregatePrivate(T0, 1, LaplaceMechanism.Seeded(1)), r => Assert.Null(r.Cost));
    }

    [Fact]
    public void Laplace_SampleHasExpectedSpread()
    {
        var noise = LaplaceMechanism.Seeded(7);
        var xs = Enumerable.Range(0, 200_000).Select(_ => noise.Sample(2.0)).ToArray();
        Assert.InRange(xs.Average(), -0.05, 0.05);
        Assert.InRange(xs.Select(Math.Abs).Average(), 1.95, 2.05); // E|X| = b
        Assert.InRange(xs.Select(x => x * x).Average(), 7.8, 8.2); // Var = 2b²
    }
}
