using System.Diagnostics;
using Gantry.Engine;
using Gantry.Engine.Scheduling;
using Gantry.Models.Architectures;
using Gantry.Models;
using Gantry.Models.Attention;
using Gantry.Tensors.Threading;

namespace Gantry.Bench.LlamaCpp;

/// <summary>Gantry as a server runs it: requests through <see cref="LlmEngine"/>, batched by continuous batching.</summary>
internal sealed class GantryTarget : IBenchTarget
{
    private readonly WorkerPool _pool;
    private readonly ILanguageModel _model;
    private readonly LlmEngine _engine;

    public GantryTarget(string path, int threads, int maxSequences, int maxTokensPerSequence, string name = "gantry")
    {
        Name = name;
        _pool = new WorkerPool(threads);
        _model = ModelLoader.Load(path, _pool);
        var blocks = maxSequences * ((maxTokensPerSequence + 15) / 16 + 1) + 16;
        _engine = new LlmEngine(_model, new EngineOptions
        {
            KvCacheBytes = _model.Info.KvCacheBytes(16, blocks, KvCacheType.F32),
            Scheduler = new SchedulerOptions { MaxNumSeqs = Math.Max(64, maxSequences) },
        });
    }

    public string Name { get; }

    public int VocabSize => _model.Info.VocabSize;

    public double Prefill(int[] prompt)
    {
        var start = Stopwatch.GetTimestamp();
        Run(prompt, 1, null).GetAwaiter().GetResult();
        return prompt.Length / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>Times from the moment every sequence has its first token (all prefills done) to the last token.</summary>
    public double Decode(int[][] prompts, int genTokens)
    {
        var stamps = prompts.Select(_ => new List<long>(genTokens)).ToArray();
        Task.WhenAll(prompts.Select((p, i) => Run(p, genTokens, stamps[i]))).GetAwaiter().GetResult();
        var allStarted = stamps.Max(s => s[0]);
        var end = stamps.Max(s => s[^1]);
        var tokens = stamps.Sum(s => s.Count(t => t > allStarted));
        return tokens / Stopwatch.GetElapsedTime(allStarted, end).TotalSeconds;
    }

    private async Task Run(int[] prompt, int maxTokens, List<long>? stamps)
    {
        var request = new GenerationRequest { PromptTokens = prompt, MaxTokens = maxTokens, IgnoreEndOfGeneration = true };
        await foreach (var e in _engine.GenerateAsync(request).ConfigureAwait(false))
        {
            if (e.FinishReason == FinishReason.Error) throw new InvalidOperationException(e.Error);
            if (e.TokenId >= 0) stamps?.Add(Stopwatch.GetTimestamp());
        }
    }

    public void Dispose()
    {
        _engine.Dispose();
        _model.Dispose();
        _pool.Dispose();
    }
}
