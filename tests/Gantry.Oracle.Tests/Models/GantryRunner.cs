using Gantry.Engine;
using Gantry.Models.Architectures;
using Gantry.Models;
using Gantry.Models.Attention;
using Gantry.Tensors.Threading;

namespace Gantry.Oracle.Tests.Models;

/// <summary>Gantry's side of an oracle comparison: raw logits from one forward pass, and greedy generation through the engine.</summary>
public sealed class GantryRunner : IDisposable
{
    private readonly WorkerPool _pool = new(2);

    public GantryRunner(string path) => Model = ModelLoader.Load(path, _pool);

    public ILanguageModel Model { get; }

    public float[] LogitsAfter(IReadOnlyList<int> prompt)
    {
        const int blockSize = 16;
        var blocks = (prompt.Count + blockSize - 1) / blockSize;
        using var cache = Model.CreateKvCache(blockSize, blocks, KvCacheType.F32);
        var batch = new ForwardBatch();
        batch.Add(prompt.ToArray(), 0, Enumerable.Range(0, blocks).ToArray());
        var logits = new float[Model.Info.VocabSize];
        Model.Forward(batch, cache, logits);
        return logits;
    }

    public int[] Greedy(IReadOnlyList<int> prompt, int count, KvCacheType kvType = KvCacheType.F32) =>
        Greedy(prompt, count, new EngineOptions { KvCacheBytes = 64L << 20, KvCacheType = kvType });

    public int[] Greedy(IReadOnlyList<int> prompt, int count, EngineOptions options)
    {
        using var engine = new LlmEngine(Model, options);
        var events = engine.GenerateAllAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = count }).GetAwaiter().GetResult();
        return events.Where(e => e.TokenId >= 0).Select(e => e.TokenId).ToArray();
    }

    /// <summary>Greedy continuations of several prompts submitted together, so the engine decodes them in one batch.</summary>
    public int[][] GreedyBatched(IReadOnlyList<IReadOnlyList<int>> prompts, int count)
    {
        using var engine = new LlmEngine(Model, new EngineOptions { KvCacheBytes = 64L << 20 });
        var runs = prompts.Select(p => engine.GenerateAllAsync(new GenerationRequest { PromptTokens = p, MaxTokens = count })).ToArray();
        Task.WaitAll(runs);
        return runs.Select(r => r.Result.Where(e => e.TokenId >= 0).Select(e => e.TokenId).ToArray()).ToArray();
    }

    public void Dispose()
    {
        Model.Dispose();
        _pool.Dispose();
    }
}
