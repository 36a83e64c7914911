using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gantry.Models;
using Gantry.Models.Architectures;
using Gantry.Models.Attention;
using Gantry.Models.Lora;
using Gantry.Models.Lora.Loading;
using Gantry.Models.Synthesis;
using Gantry.Tensors.Threading;

// Multi-LoRA cost: one batched decode step of --batch sequences, all on the base model versus spread over --loras
// different adapters of rank --lora-rank (sequence s uses adapter s mod N), on the same model and KV cache; and the
// time to load one adapter, as a GGUF file and as the same deltas in a PEFT directory. Rounds alternate base and LoRA steps so drift on a shared machine hits both alike;
// medians are reported. Adapters are synthesized for --shape into a temporary folder (never committed).
//   Gantry.Bench.Lora --model /tmp/tinyllama-q4_0.gguf --shape tinyllama-1.1b --loras 8 --lora-rank 16 --batch 16
var options = Args.Parse(args);
var shape = ModelShape.Parse(options.Get("--shape", "tinyllama-1.1b"));
var modelPath = options.Get("--model", "");
var loraCount = options.Int("--loras", 8);
var rank = options.Int("--lora-rank", 16);
var batchSize = options.Int("--batch", 16);
var context = options.Int("--context", 64);
var rounds = options.Int("--rounds", 7);
var threads = options.Int("--threads", Environment.ProcessorCount);
var folder = Directory.CreateTempSubdirectory("gantry-lora-bench-");
if (modelPath.Length == 0)
{
    // No file given: synthesize the base at --shape (as `gantry synth --shape S --type T --seed 1` would).
    modelPath = Path.Combine(folder.FullName, "base.gguf");
    ModelSynthesizer.Write(shape, options.Get("--type", "q4_0"), 1, modelPath);
}
if (!File.Exists(modelPath)) { Console.Error.WriteLine($"--model {modelPath}: file not found"); return 2; }

using var pool = new WorkerPool(threads);
using var model = ModelLoader.Load(modelPath, pool);
var loraShape = model.LoraShape ?? throw new InvalidOperationException("the model cannot run LoRA adapters");
try
{
    var loadMs = new List<double>();
    var loadCpuMs = new List<double>(); // CPU time of the whole process during the load: what contention does not inflate
    var peftLoadMs = new List<double>();
    var peftLoadCpuMs = new List<double>();
    LoraAdapter TimedLoad(string path, string name, List<double> wallMs, List<double> cpuMs)
    {
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var t0 = Stopwatch.GetTimestamp();
        var loaded = LoraAdapterLoader.Load(path, loraShape, name);
        wallMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        cpuMs.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
        return loaded;
    }
    var sets = new LoraSet[loraCount];
    long fileBytes = 0;
    for (var a = 0; a < loraCount; a++)
    {
        var path = Path.Combine(folder.FullName, $"adapter{a}.gguf");
        LoraSynthesizer.Build(shape, rank, seed: 1000 + (ulong)a).WriteTo(path);
        fileBytes = new FileInfo(path).Length;
        var peftPath = Path.Combine(folder.FullName, $"adapter{a}-peft");
        PeftAdapterWriter.FromGguf(path, peftPath); // the same deltas as a PEFT directory (F32 safetensors)
        LoraAdapter? adapter = null;
        for (var r = 0; r < 3; r++) // the first read of a fresh file is warm in the page cache: it was just written
        {
            adapter = TimedLoad(path, $"adapter{a}", loadMs, loadCpuMs);
            TimedLoad(peftPath, $"adapter{a}-peft", peftLoadMs, peftLoadCpuMs);
        }
        sets[a] = new LoraSet(adapter!);
    }

    const int blockSize = 16;
    var blocksPerSeq = (context + 1 + blockSize - 1) / blockSize;
    using var cache = model.CreateKvCache(blockSize, batchSize * blocksPerSeq, KvCacheType.F32);
    var vocab = model.Info.VocabSize;
    var logits = new float[Math.Max(batchSize, 1) * vocab];
    var tables = Enumerable.Range(0, batchSize).Select(s => Enumerable.Range(s * blocksPerSeq, blocksPerSeq).ToArray()).ToArray();
    var prompts = Enumerable.Range(0, batchSize).Select(s => Enumerable.Range(0, context).Select(i => 1 + (i * 7919 + s * 104729) % (vocab - 1)).ToArray()).ToArray();

    ForwardBatch Decode(bool withLora)
    {
        var b = new ForwardBatch();
        for (var s = 0; s < batchSize; s++) b.Add([prompts[s][s % context]], context, tables[s], 1, withLora ? sets[s % loraCount] : null);
        return b;
    }
    // Fill each sequence's context once (with the base model: the cached keys' values do not change the step's cost).
    foreach (var s in Enumerable.Range(0, batchSize))
    {
        var prefill = new ForwardBatch();
        prefill.Add(prompts[s], 0, tables[s], 1);
        model.Forward(prefill, cache, logits);
    }
    var baseBatch = Decode(false);
    var loraBatch = Decode(true);
    double Time(ForwardBatch b)
    {
        var t0 = Stopwatch.GetTimestamp();
        model.Forward(b, cache, logits);
        return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    }
    Time(baseBatch);
    Time(loraBatch);
    var baseMs = new List<double>();
    var loraMs = new List<double>();
    for (var r = 0; r < rounds; r++)
    {
        if (r % 2 == 0) { baseMs.Add(Time(baseBatch)); loraMs.Add(Time(loraBatch)); }
        else { loraMs.Add(Time(loraBatch)); baseMs.Add(Time(baseBatch)); }
    }
    var baseMedian = Median(baseMs);
    var loraMedian = Median(loraMs);
    var report = new Dictionary<string, object>
    {
        ["model"] = Path.GetFileName(modelPath),
        ["shape"] = shape.Name,
        ["threads"] = threads,
        ["cpu"] = System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? "x64 AVX-512" : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "x64 AVX2" : "other",
        ["processors"] = Environment.ProcessorCount,
        ["batch"] = batchSize,
        ["context_tokens"] = context,
        ["loras"] = loraCount,
        ["lora_rank"] = rank,
        ["adapter_file_bytes"] = fileBytes,
        ["rounds"] = rounds,
        ["base_step_ms_median"] = Math.Round(baseMedian, 2),
        ["lora_step_ms_median"] = Math.Round(loraMedian, 2),
        ["lora_over_base"] = Math.Round(loraMedian / baseMedian, 3),
        ["adapter_load_ms_median"] = Math.Round(Median(loadMs), 2),
        ["adapter_load_ms_max"] = Math.Round(loadMs.Max(), 2),
        ["adapter_load_ms_min"] = Math.Round(loadMs.Min(), 2),
        ["adapter_load_cpu_ms_median"] = Math.Round(Median(loadCpuMs), 2),
        ["peft_load_ms_median"] = Math.Round(Median(peftLoadMs), 2),
        ["peft_load_ms_max"] = Math.Round(peftLoadMs.Max(), 2),
        ["peft_load_ms_min"] = Math.Round(peftLoadMs.Min(), 2),
        ["peft_load_cpu_ms_median"] = Math.Round(Median(peftLoadCpuMs), 2),
        ["adapter_load_ms"] = loadMs.Select(v => Math.Round(v, 2)).ToArray(),
        ["peft_load_ms"] = peftLoadMs.Select(v => Math.Round(v, 2)).ToArray(),
        ["base_step_ms"] = baseMs.Select(v => Math.Round(v, 2)).ToArray(),
        ["lora_step_ms"] = loraMs.Select(v => Math.Round(v, 2)).ToArray(),
    };
    Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
    return 0;
}
finally
{
    folder.Delete(recursive: true);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

/// <summary><c>--name value</c> pairs.</summary>
internal sealed class Args(Dictionary<string, string> values)
{
    public static Args Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i]] = args[i + 1];
        return new Args(values);
    }

    public string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
