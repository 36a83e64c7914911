using System.Diagnostics;
using System.Text.Json;
using Gantry.Cli.Pipeline;
using Gantry.Engine;
using Gantry.Models;
using Gantry.Models.Architectures;
using Gantry.Models.Gguf;
using Gantry.Server.Distributed;
using Gantry.Tensors.Threading;

namespace Gantry.Cli.Bench;

/// <summary>
/// <c>gantry bench-pipeline</c>: batched decode through the engine unsharded in this process (PP = 1), through N
/// local <c>gantry worker</c> processes on loopback (PP = N), and through M tensor shards of one stage (TP = M). Each run first prefills the batch's prompts (cached),
/// then times the same prompts generating: step time, stage compute time (reported by the workers), so transport and
/// synchronisation's share, bytes moved per token, throughput, and each worker's resident memory (VmRSS) next to a
/// one-stage worker holding the whole model.
/// </summary>
internal static class PipelineBench
{
    /// <param name="MicroBatches">Each PP ≥ 2 run once per value (<c>--pipeline-micro-batches</c>: 0 one per stage, 1 off).</param>
    public sealed record Settings(string ModelPath, IReadOnlyList<int> Stages, int Batch, int PromptTokens, int GenTokens, int Threads, ulong Seed,
        IReadOnlyList<int>? TensorShards = null, IReadOnlyList<int>? MicroBatches = null, ActivationWireType Activations = ActivationWireType.F32);

    public static void Run(Settings s, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("model", Path.GetFileName(s.ModelPath));
        writer.WriteNumber("batch", s.Batch);
        writer.WriteNumber("prompt_tokens", s.PromptTokens);
        writer.WriteNumber("gen_tokens", s.GenTokens);
        writer.WriteNumber("threads", s.Threads);
        writer.WriteString("transport", $"gRPC over loopback HTTP/2 (cleartext), activations as raw {s.Activations}");
        writer.WriteStartArray("runs");
        foreach (var pp in s.Stages)
            foreach (var mb in pp >= 2 ? s.MicroBatches ?? [1] : [1]) WriteRun(writer, s, pp, 1, mb);
        foreach (var tp in s.TensorShards ?? []) WriteRun(writer, s, 1, tp, 1);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteRun(Utf8JsonWriter w, Settings s, int pp, int tp, int microBatches)
    {
        using var pool = new WorkerPool(s.Threads);
        // Stages with micro-batches in flight compute side by side, as tensor shards do, so they share the threads.
        var pipelined = pp >= 2 && microBatches != 1;
        var workerThreads = Math.Max(1, s.Threads / (pipelined ? pp : 1));
        // PP = 0 means in-process and unsharded: the baseline without any transport.
        using var spawned = pp == 0 ? null : LocalPipeline.Start(s.ModelPath, pp, workerThreads, tp);
        var transport = new PipelineTransport { MicroBatches = microBatches, Activations = s.Activations };
        using var model = pp == 0 ? ModelLoader.Load(s.ModelPath, pool) : new PipelineModel(GgufFile.Open(s.ModelPath), spawned!.Urls, TimeSpan.FromMinutes(5), transport);
        var prompts = Prompts(model.Info.VocabSize, s);
        var kv = model.Info.KvCacheBytes(16, s.Batch * ((s.PromptTokens + s.GenTokens) / 16 + 2), Models.Attention.KvCacheType.F32);
        using var engine = new LlmEngine(model, new EngineOptions { KvCacheBytes = kv });
        if (model is PipelineModel piped && piped.WaitUntilReady(TimeSpan.FromMinutes(5), spawned!.Exited) is { } problem) throw new ModelUnavailableException(problem);

        Generate(engine, prompts, 1); // prefill every prompt once; the timed run finds them cached and mostly decodes
        var counters = (model as PipelineModel)?.Counters;
        var before = (Steps: engine.Stats.Steps, Sent: counters?.BytesSent ?? 0, Received: counters?.BytesReceived ?? 0, StepSeconds: counters?.StepSeconds ?? 0,
            Compute: counters?.StageComputeSeconds ?? 0, Critical: counters?.CriticalComputeSeconds ?? 0, Tokens: counters?.Tokens ?? 0,
            Activations: counters?.ActivationBytes ?? 0, MicroBatches: counters?.MicroBatches ?? 0, ForwardSteps: counters?.Steps ?? 0);
        var clock = Stopwatch.StartNew();
        var generated = Generate(engine, prompts, s.GenTokens);
        var wall = clock.Elapsed.TotalSeconds;
        var steps = engine.Stats.Steps - before.Steps;

        w.WriteStartObject();
        w.WriteNumber("pp", Math.Max(pp, 1));
        w.WriteNumber("tp", tp);
        w.WriteNumber("worker_threads", pp == 0 ? s.Threads : Math.Max(1, workerThreads / tp));
        w.WriteNumber("micro_batches", pp >= 2 ? microBatches : 1);
        w.WriteBoolean("in_process", pp == 0);
        w.WriteNumber("steps", steps);
        w.WriteNumber("generated_tokens", generated);
        w.WriteNumber("throughput_tokens_per_s", generated / wall);
        w.WriteNumber("step_ms", 1000 * wall / Math.Max(1, steps));
        if (counters is not null)
        {
            var stepSeconds = counters.StepSeconds - before.StepSeconds;
            var compute = counters.StageComputeSeconds - before.Compute;
            var critical = counters.CriticalComputeSeconds - before.Critical;
            var tokens = counters.Tokens - before.Tokens;
            var forwardSteps = Math.Max(1, counters.Steps - before.ForwardSteps);
            w.WriteNumber("forward_ms", 1000 * stepSeconds / forwardSteps);
            // Work summed over the stages, and the compute on the step's critical path (the same unless micro-batched).
            w.WriteNumber("stage_compute_ms", 1000 * compute / forwardSteps);
            w.WriteNumber("critical_compute_ms", 1000 * critical / forwardSteps);
            w.WriteNumber("transport_sync_share", stepSeconds <= 0 ? 0 : 1 - critical / stepSeconds);
            w.WriteNumber("bytes_per_token", (double)(counters.BytesSent - before.Sent + counters.BytesReceived - before.Received) / Math.Max(1, tokens));
            w.WriteNumber("activation_bytes_per_token", (double)(counters.ActivationBytes - before.Activations) / Math.Max(1, tokens));
            w.WriteNumber("micro_batches_per_step", (double)(counters.MicroBatches - before.MicroBatches) / forwardSteps);
            w.WriteStartArray("worker_rss_bytes");
            foreach (var pid in spawned!.ProcessIds) w.WriteNumberValue(ResidentBytes(pid));
            w.WriteEndArray();
        }
        else
        {
            w.WriteNumber("process_rss_bytes", ResidentBytes(Environment.ProcessId));
        }
        w.WriteEndObject();
        w.Flush();
    }

    private static int Generate(LlmEngine engine, int[][] prompts, int maxTokens)
    {
        var runs = prompts.Select(p => engine.GenerateAllAsync(new GenerationRequest { PromptTokens = p, MaxTokens = maxTokens, IgnoreEndOfGeneration = true })).ToArray();
        var results = Task.WhenAll(runs).GetAwaiter().GetResult();
        foreach (var r in results)
            if (r[^1].FinishReason == FinishReason.Error) throw new InvalidOperationException("generation failed: " + r[^1].Error);
        return results.Sum(r => r.Count(e => e.TokenId >= 0));
    }

    private static int[][] Prompts(int vocab, Settings s)
    {
        var random = new Random((int)s.Seed);
        return Enumerable.Range(0, s.Batch).Select(_ => Enumerable.Range(0, s.PromptTokens).Select(_ => random.Next(1, vocab)).ToArray()).ToArray();
    }

    /// <summary>A process's resident set now (Linux <c>VmRSS</c>); 0 where /proc is not there.</summary>
    private static long ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal) && long.TryParse(line["VmRSS:".Length..].Trim().Split(' ')[0], out var kib)) return kib * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }
}
