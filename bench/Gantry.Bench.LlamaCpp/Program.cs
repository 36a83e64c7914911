using System.Globalization;
using System.Text.Json;
using Gantry.Bench.LlamaCpp;

// Gantry against llama.cpp on the same GGUF files in one process. Every figure is measured in rounds that alternate
// which engine goes first, and the median over rounds is reported, because the machine is shared and noisy.
if (args.Length > 0 && args[0] == "--first-token") return FirstToken.Run(args);

BenchConfig config;
try
{
    config = BenchConfig.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("gantry-bench-llamacpp: " + e.Message);
    return 2;
}

if (config.Versus is not null) return ModelPairComparison.Run(config);

// llama.cpp logs every tensor on load; keep only its warnings and errors.
LLama.Native.NativeLibraryConfig.All.WithLogCallback((level, message) =>
{
    if (level is LLama.Native.LLamaLogLevel.Warning or LLama.Native.LLamaLogLevel.Error) Console.Error.Write("llama.cpp: " + message);
});

var results = new List<ModelResult>();
foreach (var path in config.Models) results.Add(BenchModel(config, path));

Console.WriteLine();
ResultTable.Write(Console.Out, config, results);
if (config.JsonPath is { } jsonPath)
{
    File.WriteAllText(jsonPath, JsonSerializer.Serialize(new { config = config with { JsonPath = null }, machine = MachineInfo.Describe(), results }, new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
    }));
    Console.WriteLine($"wrote {jsonPath}");
}
return 0;

static ModelResult BenchModel(BenchConfig c, string path)
{
    var maxBatch = Math.Max(1, c.BatchSizes.Max());
    var perSequence = Math.Max(c.PromptTokens, c.BatchPromptTokens) + c.GenTokens + 8;
    Console.Error.WriteLine($"{Path.GetFileName(path)}: loading");
    using var gantry = c.Engine is "both" or "gantry" ? new GantryTarget(path, c.Threads, maxBatch, perSequence) : null;
    using var llama = c.Engine is "both" or "llama.cpp" ? new LlamaCppTarget(path, c.Threads, maxBatch, perSequence) : null;
    IBenchTarget[] targets = new IBenchTarget?[] { gantry, llama }.OfType<IBenchTarget>().ToArray();
    var rng = new Random(c.Seed);
    int vocab = targets[0].VocabSize;
    int[] Prompt(int n) => Enumerable.Range(0, n).Select(_ => 3 + rng.Next(vocab - 3)).ToArray();
    var vocabSafe = Prompt(8);

    // Warm-up: JIT, page-in of the mapped weights, llama.cpp's graph allocation for every batch shape.
    foreach (var t in targets)
    {
        t.Prefill(Prompt(Math.Min(32, c.PromptTokens)));
        t.Decode([vocabSafe], 3);
        foreach (var b in c.BatchSizes) t.Decode(Enumerable.Range(0, b).Select(_ => Prompt(8)).ToArray(), 3);
    }

    var samples = new Dictionary<string, List<double>>();
    void Add(string target, string metric, double value)
    {
        var key = target + "|" + metric;
        if (!samples.TryGetValue(key, out var list)) samples[key] = list = [];
        list.Add(value);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {target,-9} {metric,-10} {value,8:F2} tokens/s"));
    }
    for (var round = 0; round < c.Rounds; round++)
    {
        Console.Error.WriteLine($"{Path.GetFileName(path)}: round {round + 1} of {c.Rounds}");
        var order = round % 2 == 0 ? targets : targets.Reverse().ToArray();
        // Both engines get the same prompts in a round.
        var prefillPrompt = Prompt(c.PromptTokens);
        var single = Prompt(c.BatchPromptTokens);
        var batches = c.BatchSizes.ToDictionary(b => b, b => Enumerable.Range(0, b).Select(_ => Prompt(c.BatchPromptTokens)).ToArray());
        foreach (var t in order) Add(t.Name, "prefill", t.Prefill(prefillPrompt));
        foreach (var t in order) Add(t.Name, "decode_1", t.Decode([single], c.GenTokens));
        foreach (var b in c.BatchSizes)
            foreach (var t in order) Add(t.Name, $"decode_{b}", t.Decode(batches[b], c.GenTokens));
    }
    var metrics = new[] { "prefill", "decode_1" }.Concat(c.BatchSizes.Select(b => $"decode_{b}")).ToArray();
    return new ModelResult(
        Path.GetFileName(path),
        new FileInfo(path).Length,
        gantry is null ? null : metrics.ToDictionary(m => m, m => Median(samples["gantry|" + m])),
        llama is null ? null : metrics.ToDictionary(m => m, m => Median(samples["llama.cpp|" + m])),
        samples.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
}

static double Median(List<double> values)
{
    var v = values.Order().ToArray();
    return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
}
