using System.Text;

namespace Gantry.Server.Catalog;

/// <summary>How a route keeps one client on one version while it splits traffic.</summary>
public enum StickyMode
{
    /// <summary>Each request draws a version by weight.</summary>
    None,

    /// <summary>By the request's <c>user</c> field (falling back to the API key id, then to a draw).</summary>
    User,

    /// <summary>By the API key id (falling back to a draw).</summary>
    Key,
}

/// <summary>One version of a route and its share of the traffic (weights are relative; 0 takes none).</summary>
public sealed record RouteEntry(ModelSlot Slot, int Weight);

/// <summary>
/// A public model name and the versions behind it: weighted entries (one entry: plain serving; several: a canary or
/// an A/B split) and an optional shadow that gets a copy of each request, its answer discarded. Immutable; the
/// registry swaps whole routes. Sticky picks hash the key onto [0, total weight) and walk the entries in order, so a
/// deterministic key lands on the same version across requests and restarts while the weights stay the same, and a
/// canary listed first keeps its users as its weight grows.
/// </summary>
public sealed class ModelRoute
{
    public ModelRoute(string name, IReadOnlyList<RouteEntry> entries, ModelSlot? shadow = null, StickyMode sticky = StickyMode.None)
    {
        if (entries.Count == 0) throw new ArgumentException("a route needs at least one version", nameof(entries));
        if (entries.Any(e => e.Weight < 0)) throw new ArgumentException("weights must not be negative", nameof(entries));
        Name = name;
        Entries = entries;
        Shadow = shadow;
        Sticky = sticky;
        TotalWeight = entries.Sum(e => e.Weight);
        if (TotalWeight <= 0) throw new ArgumentException("at least one version needs a positive weight", nameof(entries));
    }

    public string Name { get; }

    public IReadOnlyList<RouteEntry> Entries { get; }

    public ModelSlot? Shadow { get; }

    public StickyMode Sticky { get; }

    public int TotalWeight { get; }

    /// <summary>The version with the largest weight (the first on a tie): what <c>/v1/models</c> describes.</summary>
    public ModelSlot Primary => Entries.MaxBy(e => e.Weight)!.Slot;

    /// <summary>Every slot the route uses, shadow included.</summary>
    public IEnumerable<ModelSlot> Slots => Shadow is null ? Entries.Select(e => e.Slot) : Entries.Select(e => e.Slot).Append(Shadow);

    /// <summary>A route serving one version.</summary>
    public static ModelRoute Single(ModelSlot slot) => new(slot.Name, [new RouteEntry(slot, 1)]);

    /// <summary>Picks the version for one request.</summary>
    public ModelSlot Pick(string? user, string? keyId)
    {
        if (Entries.Count == 1) return Entries[0].Slot;
        var key = Sticky switch
        {
            StickyMode.User => user ?? keyId,
            StickyMode.Key => keyId,
            _ => null,
        };
        var point = key is null ? Random.Shared.Next(TotalWeight) : (int)(Bucket(Name, key) % (ulong)TotalWeight);
        foreach (var e in Entries)
        {
            if (point < e.Weight) return e.Slot;
            point -= e.Weight;
        }
        return Entries[^1].Slot;
    }

    /// <summary>A stable 64-bit hash (FNV-1a over UTF-8) of route and key: the same on every machine and run.</summary>
    public static ulong Bucket(string route, string key)
    {
        var h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(route + "\n" + key))
        {
            h ^= b;
            h *= 1099511628211UL;
        }
        return h;
    }
}

/// <summary>A request's hold on one version's engine; disposing gives it back (once).</summary>
public sealed class ModelLease : IDisposable
{
    private int _disposed;

    internal ModelLease(ModelSlot slot, ServedModel model)
    {
        Slot = slot;
        Model = model;
    }

    public ModelSlot Slot { get; }

    public ServedModel Model { get; }

    public string Version => Slot.Version;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Slot.Exit();
    }
}
