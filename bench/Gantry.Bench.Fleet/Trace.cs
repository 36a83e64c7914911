using Gantry.Models;

namespace Gantry.Bench.Fleet;

/// <summary>One request of the trace: its prompt as chained block hashes (equal prefixes, equal hashes, as in the engine).</summary>
public sealed record SimRequest(int Id, double Arrival, ulong[] Blocks, int PromptTokens, int GenTokens, ulong[] OutputBlocks);

/// <summary>
/// A synthetic multi-tenant chat trace: sessions pick one of many system prompts (Zipf-popular, 32–64 blocks each),
/// hold 1–6 turns (each turn's prompt is the system prompt, every earlier turn and its answer, then a new user message),
/// think ~8 s between turns, and start in bursts (4× the mean rate one second in every eight). Open loop: arrival
/// times do not depend on the fleet, so every policy replays the same requests.
/// </summary>
public static class Trace
{
    public const int BlockSize = 16;

    public static List<SimRequest> Generate(int replicas, double sessionsPerSecondPerReplica, double seconds, int seed)
    {
        var rng = new Random(seed);
        var systemPrompts = Math.Max(4, 2 * replicas);
        var zipf = Enumerable.Range(1, systemPrompts).Select(k => 1.0 / k).ToArray();
        var zipfTotal = zipf.Sum();
        var requests = new List<SimRequest>();
        var rate = sessionsPerSecondPerReplica * replicas;
        var t = 0.0;
        var session = 0;
        while (true)
        {
            var burst = t % 8 < 1;
            var local = burst ? 4 * rate * 8 / 11 : rate * 8 / 11; // mean over 8 s stays `rate`
            t += -Math.Log(1 - rng.NextDouble()) / local;
            if (t >= seconds) break;
            session++;
            var sys = PickZipf(rng, zipf, zipfTotal);
            var sysBlocks = 32 + (int)((uint)SplitMix64.Mix((ulong)sys * 31) % 33);
            var content = new List<ulong>();
            for (var i = 0; i < sysBlocks; i++) content.Add(SplitMix64.Mix(((ulong)sys << 20) ^ (ulong)i ^ 0xA5A5UL));
            var turns = 1 + rng.Next(6);
            var arrival = t;
            for (var turn = 0; turn < turns; turn++)
            {
                var userBlocks = 4 + rng.Next(13);
                for (var i = 0; i < userBlocks; i++) content.Add(SplitMix64.Mix(((ulong)session << 24) ^ ((ulong)turn << 12) ^ (ulong)i ^ 0x5A5AUL));
                var gen = 64 + rng.Next(129);
                var prompt = Chain(content);
                var outputContent = new List<ulong>(content);
                for (var i = 0; i < gen / BlockSize; i++) outputContent.Add(SplitMix64.Mix(((ulong)session << 24) ^ ((ulong)turn << 12) ^ (ulong)i ^ 0xC3C3UL));
                var output = Chain(outputContent)[content.Count..];
                requests.Add(new SimRequest(requests.Count, arrival, prompt, content.Count * BlockSize, gen, output));
                content = outputContent;
                arrival += 2 + -Math.Log(1 - rng.NextDouble()) * 6;
            }
        }
        requests.Sort((a, b) => a.Arrival.CompareTo(b.Arrival));
        // Ids index the sorted trace.
        return requests.Select((r, i) => r with { Id = i }).ToList();
    }

    private static int PickZipf(Random rng, double[] weights, double total)
    {
        var x = rng.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x <= 0) return i;
        }
        return weights.Length - 1;
    }

    /// <summary>Each block's hash chains over its content and its parent's hash, as the engine's BlockHasher does.</summary>
    private static ulong[] Chain(List<ulong> content)
    {
        var hashes = new ulong[content.Count];
        var h = 0xCBF29CE484222325UL;
        for (var i = 0; i < content.Count; i++) hashes[i] = h = SplitMix64.Mix(h ^ content[i]);
        return hashes;
    }
}
