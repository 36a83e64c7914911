using Gantry.Engine;
using Gantry.Engine.Sampling;
using Gantry.Models;
using Gantry.Models.Architectures;
using Gantry.Models.Gguf;

namespace Gantry.Server.Tests.Distributed;

/// <summary>
/// The workload the sharded-equivalence tests (pipeline and tensor parallel) run on a sharded and an unsharded
/// model alike: greedy requests with log-probabilities, a concurrent batch, then a repeat that hits the prefix cache.
/// </summary>
internal static class ShardedRuns
{
    /// <summary>One run's greedy tokens, their top log-probabilities and the prompt tokens served from the cache.</summary>
    public record struct Outcome(int[] Tokens, float[] LogProbs, int CachedTokens);

    public static GenerationRequest Request(int[] prompt, int maxTokens) => new()
    {
        PromptTokens = prompt,
        MaxTokens = maxTokens,
        IgnoreEndOfGeneration = true,
        Sampling = SamplingParams.Greedy with { LogProbs = 2 },
    };

    /// <summary>Four prompts of different lengths (prefill and decode mixed in one batch), then the longest again.</summary>
    public static int[][] Prompts(string path, int seed)
    {
        using var file = GgufFile.Open(path);
        var vocab = ModelLoader.ReadInfo(file).VocabSize;
        var random = new Random(seed);
        var prompts = new List<int[]>();
        foreach (var length in new[] { 3, 9, 20, 40 }) prompts.Add(Enumerable.Range(0, length).Select(_ => random.Next(1, vocab)).ToArray());
        prompts.Add(prompts[^1]);
        return prompts.ToArray();
    }

    /// <summary>The first prompts run concurrently (one batch); the repeat runs after them, so it finds their cached blocks.</summary>
    public static async Task<List<Outcome>> RunAsync(Func<ILanguageModel> load, int[][] prompts, TimeSpan bound)
    {
        using var model = load();
        await using var engine = new LlmEngine(model, new EngineOptions { KvCacheBytes = 16 << 20, Scheduler = new() { MaxBatchedTokens = 32 } });
        var batch = await Task.WhenAll(prompts[..^1].Select(p => engine.GenerateAllAsync(Request(p, 8)))).WaitAsync(bound);
        var repeat = await engine.GenerateAllAsync(Request(prompts[^1], 8)).WaitAsync(bound);
        return [.. batch.Append(repeat).Select(Summarise)];
    }

    public static int[] Tokens(IReadOnlyList<TokenEvent> events) => events.Where(e => e.TokenId >= 0).Select(e => e.TokenId).ToArray();

    private static Outcome Summarise(IReadOnlyList<TokenEvent> events)
    {
        var last = events[^1];
        Assert.NotEqual(FinishReason.Error, last.FinishReason);
        var tokens = events.Where(e => e.TokenId >= 0).ToArray();
        return new(tokens.Select(e => e.TokenId).ToArray(), tokens.SelectMany(e => e.TopLogProbs!.Select(t => t.LogProb)).ToArray(), last.Usage!.CachedPromptTokens);
    }
}
