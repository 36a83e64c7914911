using System.Diagnostics;

namespace Gantry.Bench.Gateway;

/// <summary>
/// The prefix-heavy workload: <c>groups</c> long system prompts, each followed by distinct short questions, sent in a
/// seeded random order with fixed concurrency through one gateway over fresh replicas (cold caches), streamed.
/// </summary>
internal static class PrefixWorkload
{
    public sealed record Result(string Policy, int Requests, double TtftMean, double TtftP50, double TtftP99, double PrefixHitRate,
        Dictionary<string, int> PerReplica, double WallSeconds, double Affinity);

    public static List<(int Group, string Prompt)> Build(int groups, int perGroup, int prefixChars, int seed)
    {
        var rng = new Random(seed);
        string[] words = ["the", "little", "dog", "ran", "to", "a", "big", "red", "house", "and", "saw", "cat", "who", "was", "very", "happy", "in", "park", "with", "tree"];
        var list = new List<(int, string)>();
        for (var g = 0; g < groups; g++)
        {
            var system = new System.Text.StringBuilder($"System {g}: ");
            while (system.Length < prefixChars) system.Append(words[rng.Next(words.Length)]).Append(' ');
            for (var q = 0; q < perGroup; q++) list.Add((g, $"{system}\nQuestion {q}: why did the {words[rng.Next(words.Length)]} {words[rng.Next(words.Length)]}?"));
        }
        return list.OrderBy(_ => rng.Next()).ToList();
    }

    public static async Task<Result> RunAsync(LiveFleet fleet, string policy, List<(int Group, string Prompt)> requests, int concurrency, int maxTokens)
    {
        using var http = new HttpClient { BaseAddress = fleet.Gateway!.Url, Timeout = TimeSpan.FromMinutes(5) };
        var before = fleet.PrefixTokens();
        var ttfts = new double[requests.Count];
        var replicas = new string?[requests.Count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                var t = await Streams.CompleteAsync(http, requests[i].Prompt, maxTokens);
                ttfts[i] = t.TtftSeconds;
                replicas[i] = t.Replica;
            }
        }));
        var wall = clock.Elapsed.TotalSeconds;
        var after = fleet.PrefixTokens();
        var hitRate = (double)(after.Hits - before.Hits) / Math.Max(1, after.Queried - before.Queried);
        // Affinity: the share of each group's requests that went to its most-used replica, over all requests.
        var affinity = requests.Select((r, i) => (r.Group, Replica: replicas[i])).GroupBy(x => x.Group)
            .Sum(g => g.GroupBy(x => x.Replica).Max(x => x.Count())) / (double)requests.Count;
        return new Result(policy, requests.Count, ttfts.Average(), Streams.Percentile(ttfts, 0.5), Streams.Percentile(ttfts, 0.99), hitRate,
            replicas.GroupBy(r => r ?? "?").ToDictionary(g => g.Key, g => g.Count()), wall, affinity);
    }
}
