using Gantry.Engine.Costs;

namespace Gantry.Engine.Tests.Costs;

public sealed class CostLedgerTests
{
    [Fact]
    public async Task Record_FromManyThreads_TotalsAreTheSumsOfTheRequests()
    {
        // Whole-number costs add exactly in any order, so the totals must equal the sums bit for bit.
        var random = new Random(7);
        var requests = Enumerable.Range(0, 2000).Select(i => (
            Tenant: "t" + random.Next(3),
            Model: "m" + random.Next(2),
            Cost: new RequestCost(random.Next(1, 1000), random.Next(1, 1000), random.Next(0, 50), random.Next(0, 50), random.Next(0, 5), random.Next(0, 9))))
            .ToArray();
        var ledger = new CostLedger();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            for (var i = worker; i < requests.Length; i += 4) ledger.Record(requests[i].Tenant, requests[i].Model, requests[i].Cost);
        })));

        var totals = ledger.Totals();
        Assert.Equal(6, totals.Count);
        foreach (var (tenant, model, count, total) in totals)
        {
            var mine = requests.Where(r => r.Tenant == tenant && r.Model == model).ToArray();
            Assert.Equal(mine.Length, count);
            Assert.Equal(mine.Aggregate(default(RequestCost), (sum, r) => sum + r.Cost), total);
        }
        Assert.Equal(requests.Length, totals.Sum(t => t.Requests));
        var all = requests.Aggregate(default(RequestCost), (sum, r) => sum + r.Cost);
        Assert.Equal(all, ledger.ForModel("m0") + ledger.ForModel("m1"));
    }
}
