using System.Text.Json;
using Gantry.Bench.Fleet;

// Fleet simulator: dotnet run --project bench/Gantry.Bench.Fleet -c Release -- [--model m.gguf] [--seconds 60] [--replicas 3,30,300] [--out file.json]
// Step costs are measured on the real engine (one worker thread) first, then the same synthetic trace is replayed per
// fleet size under each routing policy. Prints one JSON document.
var model = Arg("--model") ?? Path.Combine(FindShared(), "models", "stories260K.gguf");
var seconds = double.Parse(Arg("--seconds") ?? "60", System.Globalization.CultureInfo.InvariantCulture);
var sizes = (Arg("--replicas") ?? "3,30,300").Split(',').Select(int.Parse).ToArray();
const int blocksPerReplica = 2048;
var cost = await StepCost.MeasureAsync(model);
// Load: sessions per second per replica so round robin, recomputing every prompt, would keep a replica ~70% busy.
var meanPrompt = 48 * 16 + 3.5 * 10 * 16;
var meanWork = meanPrompt * cost.PerPrefillToken + 128 * (cost.Base / 16 + cost.PerSequence);
var sessionRate = 0.7 / (3.5 * meanWork);
var results = new List<SimResult>();
foreach (var n in sizes)
{
    var trace = Trace.Generate(n, sessionRate, seconds, seed: 17);
    foreach (var policy in FleetSimulator.Policies) results.Add(FleetSimulator.Run(policy, n, trace, cost, blocksPerReplica));
}
var json = JsonSerializer.Serialize(new
{
    model = Path.GetFileName(model),
    step_cost = new { base_s = cost.Base, per_sequence_s = cost.PerSequence, per_prefill_token_s = cost.PerPrefillToken },
    blocks_per_replica = blocksPerReplica,
    sessions_per_second_per_replica = sessionRate,
    trace_seconds = seconds,
    results = results.Select(r => new
    {
        policy = r.Policy, replicas = r.Replicas, requests = r.Requests,
        ttft_p50_s = r.TtftP50, ttft_p99_s = r.TtftP99, ttft_mean_s = r.TtftMean,
        throughput_tokens_per_s = r.ThroughputTokensPerSecond, prefix_hit_rate = r.PrefixHitRate,
    }),
}, new JsonSerializerOptions { WriteIndented = true });
if (Arg("--out") is { } outPath) File.WriteAllText(outPath, json);
Console.WriteLine(json);

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindShared()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (Directory.Exists(Path.Combine(dir.FullName, "shared", "models"))) return Path.Combine(dir.FullName, "shared");
    throw new DirectoryNotFoundException("shared/models not found; pass --model");
}
