using System.Globalization;
using System.Text.Json;
using Gantry.Bench.Gateway;
using Gantry.Gateway;
using Gantry.Models.Synthesis;

// Live fleet benchmark: dotnet run --project bench/Gantry.Bench.Gateway -c Release -- [--model m.gguf] [--groups 12]
//   [--per-group 6] [--prefix-chars 1400] [--kv-mib 16] [--concurrency 3] [--max-tokens 8] [--overhead-requests 200]
//   [--stream-tokens 200] [--stream-rounds 6] [--out file.json]
// 1. Prefix-heavy workload over 3 real replicas (fresh, cold caches per policy): round-robin vs default, streamed.
// 2. Gateway overhead against one replica: small-request latency p50 direct vs through the gateway, streamed tokens/s.
// Without --model, a random-weight model of the "small" shape (15M parameters) is written to /tmp first.
var model = Arg("--model") ?? SynthesizeSmall();
var groups = Int("--groups", 12);
var perGroup = Int("--per-group", 6);
var prefixChars = Int("--prefix-chars", 1400);
var kvMib = Int("--kv-mib", 16);
var concurrency = Int("--concurrency", 3);
var maxTokens = Int("--max-tokens", 8);
var loadStart = File.ReadAllText("/proc/loadavg").Trim();

var requests = PrefixWorkload.Build(groups, perGroup, prefixChars, seed: 7);
// Warm-up on a throwaway fleet (other prompts), so neither policy's run pays for JIT compilation of server and gateway.
await using (var warm = await LiveFleet.StartAsync(model, 3, RoutingPolicyNames.Default, kvMib))
    await PrefixWorkload.RunAsync(warm, "warm-up", PrefixWorkload.Build(3, 3, prefixChars, seed: 99), concurrency, maxTokens);
var runs = new List<PrefixWorkload.Result>();
foreach (var policy in new[] { RoutingPolicyNames.RoundRobin, RoutingPolicyNames.Default })
{
    await using var fleet = await LiveFleet.StartAsync(model, 3, policy, kvMib);
    runs.Add(await PrefixWorkload.RunAsync(fleet, policy, requests, concurrency, maxTokens));
    Console.Error.WriteLine($"{policy}: ttft mean {runs[^1].TtftMean:F3} s, prefix hit rate {runs[^1].PrefixHitRate:F3}");
}
Overhead.Result overhead;
await using (var one = await LiveFleet.StartAsync(model, 1, RoutingPolicyNames.Default, kvMib))
    overhead = await Overhead.RunAsync(one, Int("--overhead-requests", 200), Int("--stream-tokens", 200), Int("--stream-rounds", 6));
var rr = runs[0];
var def = runs[1];
var json = JsonSerializer.Serialize(new
{
    cpu = CpuModel(),
    cores = Environment.ProcessorCount,
    load_average_start = loadStart,
    load_average_end = File.ReadAllText("/proc/loadavg").Trim(),
    model = Path.GetFileName(model),
    workload = new { replicas = 3, groups, per_group = perGroup, prefix_chars = prefixChars, kv_cache_mib_per_replica = kvMib, concurrency, max_tokens = maxTokens },
    policies = runs.Select(r => new
    {
        policy = r.Policy, requests = r.Requests, ttft_mean_s = r.TtftMean, ttft_p50_s = r.TtftP50, ttft_p99_s = r.TtftP99,
        prefix_cache_hit_rate = r.PrefixHitRate, same_replica_fraction = r.Affinity, per_replica = r.PerReplica, wall_s = r.WallSeconds,
    }),
    prefix_hit_rate_ratio = def.PrefixHitRate / Math.Max(1e-9, rr.PrefixHitRate),
    mean_ttft_ratio_round_robin_over_default = rr.TtftMean / def.TtftMean,
    gateway_overhead = new
    {
        requests = overhead.Requests, direct_p50_ms = overhead.DirectP50Ms, gateway_p50_ms = overhead.GatewayP50Ms,
        overhead_p50_ms = overhead.OverheadP50Ms, paired_difference_median_ms = overhead.PairedMedianMs,
        stream_tokens = overhead.StreamTokens, direct_tokens_per_s = overhead.DirectTokensPerSecond,
        gateway_tokens_per_s = overhead.GatewayTokensPerSecond, stream_tokens_per_s_loss_fraction = overhead.StreamLossFraction,
    },
}, new JsonSerializerOptions { WriteIndented = true });
if (Arg("--out") is { } outPath) File.WriteAllText(outPath, json);
Console.WriteLine(json);

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int Int(string name, int fallback) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

static string SynthesizeSmall()
{
    var path = Path.Combine(Path.GetTempPath(), "gantry-bench-gateway-small-q8_0.gguf");
    if (!File.Exists(path)) ModelSynthesizer.Write(ModelShape.Small, "q8_0", 1, path);
    return path;
}

static string CpuModel()
{
    foreach (var line in File.ReadLines("/proc/cpuinfo"))
        if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':') + 1)..].Trim();
    return "unknown";
}
