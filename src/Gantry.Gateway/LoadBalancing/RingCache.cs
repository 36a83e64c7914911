using System.Collections.Concurrent;
using Gantry.Gateway.Routing;
using Yarp.ReverseProxy.Model;

namespace Gantry.Gateway.LoadBalancing;

/// <summary>
/// Hash rings by member set, so each request does not rebuild one. The set changes only when replicas come, go or change
/// health, so a handful of rings cover the gateway's life; the cache is cleared if it ever grows past a bound.
/// </summary>
public sealed class RingCache
{
    private const int MaxRings = 64;
    private readonly ConcurrentDictionary<string, HashRing> _rings = new(StringComparer.Ordinal);

    public HashRing For(IReadOnlyList<DestinationState> members)
    {
        var key = string.Join('\n', members.Select(m => m.DestinationId));
        if (_rings.TryGetValue(key, out var ring)) return ring;
        if (_rings.Count >= MaxRings) _rings.Clear();
        return _rings.GetOrAdd(key, _ => new HashRing(members.Select(m => m.DestinationId).ToList()));
    }
}
