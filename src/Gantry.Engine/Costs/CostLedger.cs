using System.Collections.Concurrent;

namespace Gantry.Engine.Costs;

/// <summary>
/// Running cost totals by tenant and model. Requests record from many threads; a total is always the exact sum of
/// the costs recorded under its key (each key's sum is updated under its own lock, so no addition is lost).
/// </summary>
public sealed class CostLedger
{
    private readonly ConcurrentDictionary<(string Tenant, string Model), Entry> _totals = new();

    /// <summary>Adds one request's cost to its tenant's and model's total; <paramref name="tenant"/> "" when unauthenticated.</summary>
    public void Record(string tenant, string model, RequestCost cost)
    {
        var entry = _totals.GetOrAdd((tenant, model), static _ => new Entry());
        lock (entry)
        {
            entry.Total += cost;
            entry.Requests++;
        }
    }

    /// <summary>Every (tenant, model) total with its request count, in no particular order.</summary>
    public IReadOnlyList<(string Tenant, string Model, long Requests, RequestCost Total)> Totals()
    {
        var list = new List<(string, string, long, RequestCost)>();
        foreach (var ((tenant, model), entry) in _totals)
            lock (entry) list.Add((tenant, model, entry.Requests, entry.Total));
        return list;
    }

    /// <summary>The sum over every tenant of <paramref name="model"/>'s costs.</summary>
    public RequestCost ForModel(string model)
    {
        var sum = default(RequestCost);
        foreach (var (_, m, _, total) in Totals())
            if (m == model) sum += total;
        return sum;
    }

    private sealed class Entry
    {
        public RequestCost Total;
        public long Requests;
    }
}
