using Gantry.Gateway.Replicas;
using Yarp.ReverseProxy.Model;

namespace Gantry.Gateway.LoadBalancing;

/// <summary>
/// A replica's load as routing sees it: the larger of the requests it reported at the last scrape (every gateway's
/// traffic, up to ~100 ms old) and the requests this gateway has in flight to it now (exact, but only this gateway's).
/// </summary>
public sealed class LoadView(ReplicaSet replicas)
{
    /// <summary>This gateway's requests in flight to the replica.</summary>
    public double Local(DestinationState d) => d.ConcurrentRequestCount;

    public double Requests(DestinationState d)
    {
        var local = d.ConcurrentRequestCount;
        return replicas.Find(d.DestinationId) is { } r ? Math.Max(local, r.Load.Requests) : local;
    }

    public double KvUsage(DestinationState d) => replicas.Find(d.DestinationId)?.Load.KvUsage ?? 0;

    /// <summary>The least-loaded destination: fewest requests, then emptiest KV cache, then the first listed.</summary>
    public DestinationState? Least(IReadOnlyList<DestinationState> available)
    {
        DestinationState? best = null;
        double bestRequests = double.MaxValue, bestKv = double.MaxValue;
        foreach (var d in available)
        {
            var requests = Requests(d);
            var kv = KvUsage(d);
            if (requests < bestRequests || (requests == bestRequests && kv < bestKv))
            {
                best = d;
                bestRequests = requests;
                bestKv = kv;
            }
        }
        return best;
    }
}
