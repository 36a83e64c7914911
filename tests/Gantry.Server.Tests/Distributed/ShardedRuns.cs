using Gantry.Engine;
using Gantry.Engine.Core;
using Gantry.Engine.Sampling;
using Gantry.Models;
using Gantry.Models.Architectures;
using Gantry.Models.Gguf;

namespace Gantry.Server.Tests.Distributed;

/// <summary>
/// The workload the sharded-equivalence tests (pipeline and tensor parallel) run on a sharded and an unsharded
/// model alike: greedy requests with log-probabilities, one batch of them, then a repeat that hits the prefix cache.
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

    /// <summary>
    /// The first prompts are queued together and stepped as one batch; the repeat is queued once they finish, so it
    /// finds their cached blocks. The step core is driven by hand (no engine loop): which requests share a step, and
    /// so how many rows each kernel call sees (the four-token and one-token kernels round differently), is then the
    /// same on every run and on both models, never a matter of when each request reached the loop.
    /// </summary>
    public static async Task<List<Outcome>> RunAsync(Func<ILanguageModel> load, int[][] prompts, TimeSpan bound)
    {
        var options = new EngineOptions { KvCacheBytes = 16 << 20, Scheduler = new() { MaxBatchedTokens = 32 } };
        var (states, _) = await DriveAsync(load, options, [prompts[..^1].Select(p => Request(p, 8)).ToArray(), [Request(prompts[^1], 8)]], bound);
        return [.. states.Select(Summarise)];
    }

    /// <summary>
    /// Runs request waves on a step core of its own: each wave is queued whole, then stepped until idle. Returns every
    /// request's events in order and the preemptions counted. Steps run on a pool thread (a stage call blocks it).
    /// </summary>
    public static Task<(List<IReadOnlyList<TokenEvent>> Events, long Preemptions)> DriveAsync(
        Func<ILanguageModel> load, EngineOptions options, GenerationRequest[][] waves, TimeSpan bound) => Task.Run(() =>
    {
        using var model = load();
        using var core = new EngineCore(model, options);
        var events = new List<IReadOnlyList<TokenEvent>>();
        foreach (var wave in waves)
        {
            var states = wave.Select(core.Add).ToArray();
            for (var guard = 0; core.HasWork; guard++)
            {
                Assert.True(guard < 100_000, "the engine never went idle");
                core.Step();
            }
            foreach (var state in states)
            {
                var list = new List<TokenEvent>();
                while (state.Output.Reader.TryRead(out var e)) list.Add(e);
                events.Add(list);
            }
        }
        return (events, core.Stats.Preemptions);
    }).WaitAsync(bound);

    public static int[] Tokens(IReadOnlyList<TokenEvent> events) => events.Where(e => e.TokenId >= 0).Select(e => e.TokenId).ToArray();

    private static Outcome Summarise(IReadOnlyList<TokenEvent> events)
    {
        var last = events[^1];
        Assert.NotEqual(FinishReason.Error, last.FinishReason);
        var tokens = events.Where(e => e.TokenId >= 0).ToArray();
        return new(tokens.Select(e => e.TokenId).ToArray(), tokens.SelectMany(e => e.TopLogProbs!.Select(t => t.LogProb)).ToArray(), last.Usage!.CachedPromptTokens);
    }
}
