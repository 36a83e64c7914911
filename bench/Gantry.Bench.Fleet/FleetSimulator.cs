using Gantry.Gateway;
using Gantry.Gateway.Routing;

namespace Gantry.Bench.Fleet;

/// <summary>Results of one policy over one trace.</summary>
public sealed record SimResult(string Policy, int Replicas, int Requests, double TtftP50, double TtftP99, double TtftMean,
    double ThroughputTokensPerSecond, double PrefixHitRate);

/// <summary>
/// Discrete-event replay of a trace over simulated replicas behind one gateway. The gateway sees what the real one sees:
/// its own in-flight count per replica (exact) and the replicas' gauges as scraped every 100 ms (stale in between). The
/// prefix-affinity and default decisions use the gateway's own <see cref="HashRing"/> and its option values.
/// </summary>
public static class FleetSimulator
{
    public static readonly string[] Policies = [RoutingPolicyNames.RoundRobin, RoutingPolicyNames.LeastLoad, RoutingPolicyNames.PrefixAffinity, RoutingPolicyNames.Default];

    public static SimResult Run(string policy, int n, List<SimRequest> trace, StepCost cost, int blocksPerReplica)
    {
        var options = new GatewayOptions();
        var replicas = Enumerable.Range(0, n).Select(i => new SimReplica(i, blocksPerReplica, cost)).ToArray();
        var ring = new HashRing(Enumerable.Range(0, n).Select(i => "r" + i).ToList());
        var local = new double[n];
        var scraped = new double[n];
        var scrapedKv = new double[n];
        var events = new PriorityQueue<(int Kind, int Index), (double, long)>();
        long seq = 0;
        foreach (var r in trace) events.Enqueue((0, r.Id), (r.Arrival, seq++));
        events.Enqueue((2, 0), (0.1, seq++));
        var ttfts = new List<double>(trace.Count);
        long genTokens = 0, promptTokens = 0, cachedTokens = 0;
        var finished = new List<SimReplica.Seq>();
        var first = new List<SimReplica.Seq>();
        var rr = 0;
        var done = 0;
        var lastFinish = 0.0;
        while (events.TryDequeue(out var ev, out var pri))
        {
            var now = pri.Item1;
            switch (ev.Kind)
            {
                case 0: // arrival: route
                    var req = trace[ev.Index];
                    var target = policy switch
                    {
                        RoutingPolicyNames.RoundRobin => rr++ % n,
                        RoutingPolicyNames.LeastLoad => Least(n, local, scraped, scrapedKv),
                        RoutingPolicyNames.PrefixAffinity => ring.Pick(Key(req), local, options.LoadBound, options.LoadSlack),
                        _ => DefaultPick(req, n, ring, local, scraped, scrapedKv, options),
                    };
                    local[target]++;
                    var replica = replicas[target];
                    replica.Enqueue(req);
                    if (!replica.Busy)
                    {
                        replica.MarkBusy();
                        events.Enqueue((1, target), (now, seq++));
                    }
                    break;
                case 1: // a replica's step starts now
                    var rep = replicas[ev.Index];
                    finished.Clear();
                    first.Clear();
                    var duration = rep.Step(now, finished, first);
                    foreach (var s in first) ttfts.Add(s.FirstToken - s.Request.Arrival);
                    foreach (var s in finished)
                    {
                        local[rep.Index]--;
                        genTokens += s.Request.GenTokens;
                        promptTokens += s.Request.PromptTokens;
                        cachedTokens += s.CachedTokens;
                        done++;
                        lastFinish = Math.Max(lastFinish, now + duration);
                    }
                    if (rep.HasWork) events.Enqueue((1, ev.Index), (now + duration, seq++));
                    break;
                case 2: // scrape
                    for (var i = 0; i < n; i++)
                    {
                        scraped[i] = replicas[i].Waiting + replicas[i].Running;
                        scrapedKv[i] = replicas[i].KvUsage;
                    }
                    if (done < trace.Count) events.Enqueue((2, 0), (now + options.ScrapeInterval.TotalSeconds, seq++));
                    break;
            }
        }
        ttfts.Sort();
        return new SimResult(policy, n, trace.Count, Percentile(ttfts, 0.5), Percentile(ttfts, 0.99), ttfts.Average(),
            genTokens / Math.Max(1e-9, lastFinish - trace[0].Arrival), promptTokens == 0 ? 0 : (double)cachedTokens / promptTokens);
    }

    /// <summary>The routing key: the chained hash of the prompt's first <see cref="GatewayOptions.PrefixBlocks"/> blocks.</summary>
    private static ulong Key(SimRequest r) => r.Blocks[Math.Min(new GatewayOptions().PrefixBlocks, r.Blocks.Length) - 1];

    private static double Load(int i, double[] local, double[] scraped) => Math.Max(local[i], scraped[i]);

    private static int Least(int n, double[] local, double[] scraped, double[] kv)
    {
        var best = 0;
        for (var i = 1; i < n; i++)
        {
            var a = Load(i, local, scraped);
            var b = Load(best, local, scraped);
            if (a < b || (a == b && kv[i] < kv[best])) best = i;
        }
        return best;
    }

    /// <summary>DefaultPolicy's rule: the affinity target unless it holds OverloadMargin more requests than the least-loaded
    /// replica or its KV cache is fuller than OverloadKvUsage.</summary>
    private static int DefaultPick(SimRequest r, int n, HashRing ring, double[] local, double[] scraped, double[] kv, GatewayOptions o)
    {
        var target = ring.Pick(Key(r), local, o.LoadBound, o.LoadSlack);
        var least = Least(n, local, scraped, kv);
        var overloaded = Load(target, local, scraped) >= Load(least, local, scraped) + o.OverloadMargin || kv[target] > o.OverloadKvUsage;
        return overloaded ? least : target;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
