using Gantry.Engine.Sampling;
using Gantry.Engine.Speculative;
using Gantry.Models.Architectures;
using Gantry.Models.Synthesis;
using Gantry.Tensors.Threading;
using Gantry.TestSupport;

namespace Gantry.Engine.Tests.Speculative;

/// <summary>Synthesized models that follow a next-token map: the property the speculative benchmarks rely on (greedy
/// output known by construction, a draft's acceptance set by its map's agreement) holds through the real engine.</summary>
public sealed class FollowingModelTests
{
    private static readonly NextTokenMap Map = NextTokenMap.Cycle(ModelShape.Tiny.VocabSize, 5);

    private static async Task<(int[] Tokens, EngineStats Stats)> GreedyAsync(string path, string? draftPath, int[] prompt)
    {
        using var pool = new WorkerPool(2);
        using var model = ModelLoader.Load(path, pool);
        using var draft = draftPath is null ? null : ModelLoader.Load(draftPath, pool);
        var speculative = draft is null ? new SpeculativeOptions()
            : new SpeculativeOptions { Method = SpeculativeMethod.Draft, DraftModel = draft, NumSpeculativeTokens = 4 };
        await using var engine = new LlmEngine(model, new EngineOptions { KvCacheBytes = 8L << 20, Speculative = speculative });
        var events = await engine.GenerateAllAsync(new GenerationRequest
        {
            PromptTokens = prompt, MaxTokens = 48, IgnoreEndOfGeneration = true, Sampling = SamplingParams.Greedy,
        });
        return (events.Where(e => e.TokenId >= 0).Select(e => e.TokenId).ToArray(), engine.Stats);
    }

    [Theory]
    [InlineData("f32")]
    [InlineData("q4_0")]
    public async Task Greedy_FollowsTheMap(string type)
    {
        using var file = new TempFile();
        ModelSynthesizer.Write(ModelShape.Tiny, type, 3, file.Path, Map);
        int[] prompt = [1, 340, 426, 932];
        var (tokens, _) = await GreedyAsync(file.Path, null, prompt);
        Assert.Equal(48, tokens.Length);
        var previous = prompt[^1];
        foreach (var token in tokens)
        {
            Assert.Equal(Map.Next[previous], token);
            previous = token;
        }
    }

    [Fact]
    public async Task Draft_WithThirtyPercentDisagreement_AcceptsAboutSeventyPercent_AndKeepsGreedyOutput()
    {
        using var target = new TempFile();
        using var draft = new TempFile();
        ModelSynthesizer.Write(ModelShape.Tiny, "f32", 3, target.Path, Map);
        ModelSynthesizer.Write(ModelShape.Tiny, "q4_0", 4, draft.Path, Map.Disagreeing(0.3, 5));
        int[] prompt = [1, 77, 500];
        var (plain, _) = await GreedyAsync(target.Path, null, prompt);
        var (speculative, stats) = await GreedyAsync(target.Path, draft.Path, prompt);
        Assert.Equal(plain, speculative);
        // Each drafted token is accepted when the draft's map agrees on the token before it (0.7 of tokens); the
        // 48-token walk visits few tokens, so allow a wide band that still rules out random weights (about 1/1024).
        Assert.InRange(stats.SpeculativeAcceptanceRate, 0.4, 0.95);
    }
}
