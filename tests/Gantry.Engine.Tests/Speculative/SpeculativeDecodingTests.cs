using Gantry.Engine.Core;
using Gantry.Engine.Output;
using Gantry.Engine.Sampling;
using Gantry.Engine.Scheduling;
using Gantry.Engine.Speculative;
using Gantry.Models.Architectures;
using Gantry.Models;
using Gantry.Models.Synthesis;
using Gantry.Tensors.Threading;
using Gantry.TestSupport;
using Xunit.Abstractions;

namespace Gantry.Engine.Tests.Speculative;

/// <summary>Speculation must never change greedy output, must keep the sampled distribution, and must give back every rolled-back block.</summary>
public sealed class SpeculativeDecodingTests(EngineTestModel fixture, ITestOutputHelper output) : IClassFixture<EngineTestModel>
{
    // Repetitive prompts give the n-gram proposer something to match.
    private static readonly string[] Texts =
    [
        "Once upon a time there was a little cat. The little cat was happy. Once upon a time",
        "Tom had a red ball. Tom had a red ball and a blue ball. Tom had",
        "Lily went to the park. She saw a dog.",
    ];

    private static EngineOptions Options(SpeculativeOptions speculative, long kvBytes = 8L << 20) => new()
    {
        KvCacheBytes = kvBytes,
        EnablePrefixCaching = false,
        Speculative = speculative,
        Scheduler = new SchedulerOptions { MaxBatchedTokens = 256, MaxNumSeqs = 16, MaxQueue = 10_000 },
    };

    private static int[][] Run(ILanguageModel model, EngineOptions options, IEnumerable<GenerationRequest> requests, out EngineStats stats)
    {
        using var core = new EngineCore(model, options);
        var states = requests.Select(core.Add).ToArray();
        for (var guard = 0; core.HasWork && guard < 100_000; guard++) core.Step();
        stats = core.Stats;
        Assert.Equal(0, stats.BlocksUsed);
        return states.Select(s =>
        {
            var tokens = new List<int>();
            while (s.Output.Reader.TryRead(out var e)) if (e.TokenId >= 0) tokens.Add(e.TokenId);
            return tokens.ToArray();
        }).ToArray();
    }

    private GenerationRequest[] Greedy(int maxTokens = 64) =>
        Texts.Select(t => new GenerationRequest { PromptTokens = fixture.Prompt(t), MaxTokens = maxTokens }).ToArray();

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Ngram_Greedy_IdenticalAloneAndBatched(int k)
    {
        var requests = Greedy();
        var expected = requests.Select(r => Run(fixture.Model, Options(new()), [r], out _)[0]).ToArray();
        var spec = new SpeculativeOptions { Method = SpeculativeMethod.Ngram, NumSpeculativeTokens = k };
        var alone = requests.Select(r => Run(fixture.Model, Options(spec), [r], out _)[0]).ToArray();
        var batched = Run(fixture.Model, Options(spec), requests, out var stats);
        Assert.Equal(expected, alone);
        Assert.Equal(expected, batched);
        Assert.True(stats.SpeculativeAcceptedTokens > 0, "the repetitive prompts should accept some drafts");
        output.WriteLine($"ngram k={k}: drafted {stats.SpeculativeDraftedTokens}, accepted {stats.SpeculativeAcceptedTokens} ({stats.SpeculativeAcceptanceRate:P0}), mean accepted {stats.SpeculativeMeanAcceptedLength:F2}");
    }

    [Fact]
    public void DraftModel_SelfDraft_IdenticalAndAcceptsEverything()
    {
        using var pool = new WorkerPool(1);
        using var draft = ModelLoader.Load(SharedModels.Stories260K, pool);
        var requests = Greedy(48);
        var expected = Run(fixture.Model, Options(new()), requests, out _);
        var spec = new SpeculativeOptions { Method = SpeculativeMethod.Draft, DraftModel = draft, NumSpeculativeTokens = 4 };
        var actual = Run(fixture.Model, Options(spec), requests, out var stats);
        Assert.Equal(expected, actual);
        Assert.True(stats.SpeculativeAcceptanceRate > 0.99, $"a model drafting for itself accepted {stats.SpeculativeAcceptanceRate:P1}");
    }

    /// <summary>
    /// Without adaptation every verification drafts the configured number of tokens, from a sequence's first
    /// decode step on (41 tokens = the prefill's one + 8 rounds of 4 drafts and a bonus, so no round is clipped).
    /// </summary>
    [Fact]
    public void DraftModel_FixedLength_DraftsTheConfiguredNumberEveryRound()
    {
        using var pool = new WorkerPool(1);
        using var draft = ModelLoader.Load(SharedModels.Stories260K, pool);
        var requests = Texts.Select(t => new GenerationRequest { PromptTokens = fixture.Prompt(t), MaxTokens = 41, IgnoreEndOfGeneration = true }).ToArray();
        var spec = new SpeculativeOptions { Method = SpeculativeMethod.Draft, DraftModel = draft, NumSpeculativeTokens = 4, Adaptive = false };
        Run(fixture.Model, Options(spec), requests, out var stats);
        Assert.Equal(requests.Length * 8, stats.SpeculativeVerifications);
        Assert.Equal(4 * stats.SpeculativeVerifications, stats.SpeculativeDraftedTokens);
    }

    /// <summary>
    /// Adaptive drafting never asks for a verify step one token past a whole four-token kernel pass: asked for up to
    /// 4 drafts by a draft that always agrees, it verifies 3 and a bonus each round (41 tokens = 1 + 10 rounds of 4).
    /// </summary>
    [Fact]
    public void DraftModel_Adaptive_KeepsVerifyStepsToWholeKernelPasses()
    {
        using var pool = new WorkerPool(1);
        using var draft = ModelLoader.Load(SharedModels.Stories260K, pool);
        var requests = Texts.Select(t => new GenerationRequest { PromptTokens = fixture.Prompt(t), MaxTokens = 41, IgnoreEndOfGeneration = true }).ToArray();
        var spec = new SpeculativeOptions { Method = SpeculativeMethod.Draft, DraftModel = draft, NumSpeculativeTokens = 4 };
        Run(fixture.Model, Options(spec), requests, out var stats);
        Assert.Equal(requests.Length * 10, stats.SpeculativeVerifications);
        Assert.Equal(3 * stats.SpeculativeVerifications, stats.SpeculativeDraftedTokens);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    [InlineData(5, 5)]
    [InlineData(7, 7)]
    [InlineData(8, 7)]
    [InlineData(12, 11)]
    public void FitToPasses_LengthOnePastAPass_IsOneShorter(int length, int expected) =>
        Assert.Equal(expected, SpeculativeDecoder.FitToPasses(length));

    [Fact]
    public void DraftModel_QuantizedDraftOfSyntheticTarget_IdenticalGreedy()
    {
        using var targetFile = new TempFile();
        using var draftFile = new TempFile();
        ModelSynthesizer.Write(ModelShape.Tiny, "f32", 11, targetFile.Path);
        ModelSynthesizer.Write(ModelShape.Tiny, "q4_0", 11, draftFile.Path);
        using var pool = new WorkerPool(2);
        using var target = ModelLoader.Load(targetFile.Path, pool);
        using var draft = ModelLoader.Load(draftFile.Path, pool);
        var requests = Texts.Select(t => new GenerationRequest { PromptTokens = target.Tokenizer.Encode(t, true, false), MaxTokens = 40 }).ToArray();
        var expected = Run(target, Options(new()), requests, out _);
        var spec = new SpeculativeOptions { Method = SpeculativeMethod.Draft, DraftModel = draft, NumSpeculativeTokens = 3 };
        var actual = Run(target, Options(spec), requests, out var stats);
        Assert.Equal(expected, actual);
        output.WriteLine($"q4_0 draft of f32 target: acceptance {stats.SpeculativeAcceptanceRate:P1}, mean accepted {stats.SpeculativeMeanAcceptedLength:F2}");
    }

    [Fact]
    public void DraftModel_DifferentVocabulary_IsRefusedClearly()
    {
        using var pool = new WorkerPool(1);
        using var other = ModelLoader.Load(SharedModels.LlamaTinyRandom, pool);
        var spec = new SpeculativeOptions { Method = SpeculativeMethod.Draft, DraftModel = other };
        var e = Assert.Throws<Gantry.Models.ModelFormatException>(() => new EngineCore(fixture.Model, Options(spec)).Dispose());
        Assert.Contains("vocabulary", e.Message);
    }

    /// <summary>
    /// Rejection sampling keeps the target distribution: the second generated token (the first one verified
    /// against a draft) has the same distribution with and without speculation. Two-sample chi-square over
    /// 2,500 seeded runs each at temperature 1.3 and top-k 6, against the 0.1% critical value for its degrees of freedom.
    /// </summary>
    [Fact]
    public void Sampling_SecondTokenDistribution_MatchesWithoutSpeculation()
    {
        var prompt = fixture.Prompt("Once upon a time there was a little");
        using var pool = new WorkerPool(1);
        using var draft = ModelLoader.Load(SharedModels.Stories260K, pool);
        const int runs = 2500;
        GenerationRequest Request(int seed) => new()
        {
            PromptTokens = prompt,
            MaxTokens = 3, // room for one draft before the last token
            IgnoreEndOfGeneration = true,
            Sampling = new SamplingParams { Temperature = 1.3f, TopK = 6, Seed = (ulong)seed },
        };
        var plain = Run(fixture.Model, Options(new(), 32L << 20), Enumerable.Range(0, runs).Select(Request), out _);
        var spec = new SpeculativeOptions { Method = SpeculativeMethod.Draft, DraftModel = draft, NumSpeculativeTokens = 1, Adaptive = false };
        var speculative = Run(fixture.Model, Options(spec, 32L << 20), Enumerable.Range(runs, runs).Select(Request), out var stats);
        Assert.True(stats.SpeculativeVerifications >= runs / 2, "most runs should have verified a draft for their second token");

        foreach (var position in new[] { 0, 1 })
        {
            var a = plain.GroupBy(t => t[position]).ToDictionary(g => g.Key, g => g.Count());
            var b = speculative.GroupBy(t => t[position]).ToDictionary(g => g.Key, g => g.Count());
            var chi = 0.0;
            var categories = 0;
            foreach (var token in a.Keys.Union(b.Keys))
            {
                double x = a.GetValueOrDefault(token), y = b.GetValueOrDefault(token);
                if (x + y < 10) continue; // pooled expected counts too small for the approximation
                categories++;
                chi += (x - y) * (x - y) / (x + y); // equal sample sizes
            }
            output.WriteLine($"token {position + 1}: chi-square {chi:F2} over {categories} categories");
            var critical = ChiSquareCritical001(categories - 1);
            Assert.True(chi < critical, $"token {position + 1}: chi-square {chi:F2} over {categories} categories (critical {critical:F1})");
        }
    }

    /// <summary>The chi-square value exceeded with probability 0.001 (Wilson–Hilferty approximation, z = 3.09).</summary>
    private static double ChiSquareCritical001(int df)
    {
        var a = 2.0 / (9 * df);
        return df * Math.Pow(1 - a + 3.09 * Math.Sqrt(a), 3);
    }

    [Fact]
    public void Soak_WithSpeculation_AllBlocksReturn()
    {
        var random = new Random(7);
        var spec = new SpeculativeOptions { Method = SpeculativeMethod.Ngram, NumSpeculativeTokens = 4 };
        using var core = new EngineCore(fixture.Model, Options(spec, kvBytes: 16 * 16 * 1280) with { EnablePrefixCaching = true });
        var states = new List<RequestState>();
        for (var i = 0; i < 300; i++)
        {
            var text = Texts[random.Next(Texts.Length)];
            var sampling = random.Next(2) == 0 ? SamplingParams.Greedy : new SamplingParams { Temperature = 0.9f, Seed = (ulong)i };
            states.Add(core.Add(new GenerationRequest { PromptTokens = fixture.Prompt(text), MaxTokens = random.Next(1, 40), Sampling = sampling }));
            if (random.Next(5) == 0) core.Cancel(states[random.Next(states.Count)]);
            for (var s = random.Next(3); s > 0; s--) core.Step();
        }
        for (var guard = 0; core.HasWork && guard < 100_000; guard++) core.Step();
        Assert.All(states, s => Assert.True(s.Finished));
        Assert.Equal(0, core.Stats.BlocksUsed);
        Assert.True(core.Stats.SpeculativeDraftedTokens > 0);
    }
}
