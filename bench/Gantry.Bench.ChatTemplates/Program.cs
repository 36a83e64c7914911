using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gantry.Models.ChatTemplates;

// Chat-template render latency: every template of the test corpus, parsed once (as the server does per model), then
// rendered many times on each corpus conversation after a warm-up. Reports per-template p50/p90 in microseconds and
// the corpus-wide p50 as JSON (stdout, and --out FILE). Target: p50 <= 1 ms per render.
//   dotnet run -c Release --project bench/Gantry.Bench.ChatTemplates -- [--corpus DIR] [--rounds N] [--out FILE]

string corpus = "tests/Gantry.Models.Tests/ChatTemplates/Corpus";
int rounds = 200;
string? outFile = null;
for (int i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--corpus") corpus = args[++i];
    else if (args[i] == "--rounds") rounds = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
    else if (args[i] == "--out") outFile = args[++i];
}

var conversations = JsonNode.Parse(File.ReadAllText(Path.Combine(corpus, "conversations.json")))!.AsObject();
var results = new JsonArray();
var all = new List<double>();
foreach (var path in Directory.GetFiles(corpus, "*.jinja").Order(StringComparer.Ordinal))
{
    var template = ChatTemplate.Parse(File.ReadAllText(path), "<s>", "</s>");
    var inputs = new List<JsonObject>();
    foreach (var (_, conversation) in conversations)
    {
        var variables = conversation!.AsObject().DeepClone().AsObject();
        variables["add_generation_prompt"] = true;
        try { template.Apply(variables); inputs.Add(variables); } // first use: warms the JIT and probes capabilities
        catch (ChatTemplateException) { } // a conversation this template rejects (e.g. a system role) is not timed
    }
    if (inputs.Count == 0) continue;
    for (int w = 0; w < 20; w++) foreach (var v in inputs) template.Apply(v);
    var samples = new List<double>(rounds * inputs.Count);
    for (int r = 0; r < rounds; r++)
        foreach (var v in inputs)
        {
            long t0 = Stopwatch.GetTimestamp();
            template.Apply(v);
            samples.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }
    samples.Sort();
    all.AddRange(samples);
    results.Add(new JsonObject
    {
        ["template"] = Path.GetFileNameWithoutExtension(path),
        ["conversations"] = inputs.Count,
        ["p50_us"] = Math.Round(samples[samples.Count / 2], 1),
        ["p90_us"] = Math.Round(samples[samples.Count * 9 / 10], 1),
    });
}
all.Sort();
var report = new JsonObject
{
    ["benchmark"] = "chat-template-render",
    ["what"] = "ChatTemplate.Apply (normalise + render) per call, template parsed once, after warm-up",
    ["cpu"] = CpuName(),
    ["processors"] = Environment.ProcessorCount,
    ["rounds"] = rounds,
    ["renders"] = all.Count,
    ["p50_us"] = Math.Round(all[all.Count / 2], 1),
    ["p90_us"] = Math.Round(all[all.Count * 9 / 10], 1),
    ["max_template_p50_us"] = results.Max(r => (double)r!["p50_us"]!),
    ["templates"] = results,
};
var json = report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
Console.WriteLine(json);
if (outFile is not null) File.WriteAllText(outFile, json + "\n");

static string CpuName()
{
    if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || !File.Exists("/proc/cpuinfo")) return RuntimeInformation.ProcessArchitecture.ToString();
    var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
    return line?.Split(':', 2)[1].Trim() ?? "unknown";
}
