using System.Text;
using System.Text.Json;
using Gantry.Engine.Constraints;
using Gantry.Engine.Core;
using Gantry.Engine.Sampling;
using Gantry.Engine.Scheduling;
using Gantry.Engine.Speculative;
using Gantry.Models;
using Xunit.Abstractions;

namespace Gantry.Engine.Tests.Constraints;

/// <summary>Constrained sequences inside continuous batching and speculation: each keeps its own grammar state, and batching never changes a token.</summary>
public sealed class ConstrainedBatchTests(EngineTestModel fixture, ITestOutputHelper output) : IClassFixture<EngineTestModel>
{
    private const string Schema = """
        {"type": "object", "additionalProperties": false, "required": ["name", "items"],
         "properties": {"name": {"type": "string", "maxLength": 12},
                        "items": {"type": "array", "maxItems": 6, "items": {"type": "object", "additionalProperties": false,
                                  "required": ["id", "ok"], "properties": {"id": {"type": "integer", "minimum": 0, "maximum": 99}, "ok": {"type": "boolean"}}}}}}
        """;

    private static readonly string[] Texts =
    [
        "Once upon a time there was a little cat. The little cat was happy.",
        "Tom had a red ball. Tom had a red ball and a blue ball. Tom had",
        "Lily went to the park. She saw a dog.",
    ];

    private static EngineOptions Options(SpeculativeOptions? speculative = null) => new()
    {
        KvCacheBytes = 16L << 20,
        EnablePrefixCaching = false,
        Speculative = speculative ?? new(),
        Scheduler = new SchedulerOptions { MaxBatchedTokens = 256, MaxNumSeqs = 16, MaxQueue = 10_000 },
    };

    private static int[][] Run(ILanguageModel model, EngineOptions options, IEnumerable<GenerationRequest> requests, out EngineStats stats)
    {
        using var core = new EngineCore(model, options);
        var states = requests.Select(core.Add).ToArray();
        for (var guard = 0; core.HasWork && guard < 100_000; guard++) core.Step();
        stats = core.Stats;
        return states.Select(s =>
        {
            var tokens = new List<int>();
            while (s.Output.Reader.TryRead(out var e)) if (e.TokenId >= 0) tokens.Add(e.TokenId);
            return tokens.ToArray();
        }).ToArray();
    }

    private GenerationRequest[] Mixed(Grammar grammar, SamplingParams sampling) =>
    [
        .. Texts.Select((t, i) => new GenerationRequest
        {
            PromptTokens = fixture.Prompt(t),
            MaxTokens = 72,
            Grammar = i % 2 == 0 ? grammar : null,
            Sampling = sampling with { Seed = (ulong)i },
        }),
        .. Texts.Select((t, i) => new GenerationRequest
        {
            PromptTokens = fixture.Prompt(t),
            MaxTokens = 40,
            Grammar = i % 2 == 1 ? grammar : null,
            Sampling = sampling with { Seed = (ulong)(10 + i) },
        }),
    ];

    public static TheoryData<float> Temperatures => new() { 0f, 0.8f };

    [Theory]
    [MemberData(nameof(Temperatures))]
    public void Batched_ConstrainedAndUnconstrained_SameTokensAsAlone(float temperature)
    {
        var grammar = ConstraintGrammars.FromJsonSchema(Schema);
        var requests = Mixed(grammar, new SamplingParams { Temperature = temperature, TopK = 20 });
        var alone = requests.Select(r => Run(fixture.Model, Options(), [r], out _)[0]).ToArray();
        var batched = Run(fixture.Model, Options(), requests, out _);
        Assert.Equal(alone, batched);
        for (var i = 0; i < requests.Length; i++)
        {
            if (requests[i].Grammar is null) continue;
            var text = Text(batched[i]);
            using var doc = JsonDocument.Parse(text);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            if (i == 0) output.WriteLine(text);
        }
    }

    [Fact]
    public void Speculative_Constrained_SameTokensAsWithout()
    {
        var grammar = ConstraintGrammars.FromJsonSchema(Schema);
        var requests = Mixed(grammar, SamplingParams.Greedy);
        var plain = Run(fixture.Model, Options(), requests, out _);
        var spec = new SpeculativeOptions { Method = SpeculativeMethod.Ngram, NumSpeculativeTokens = 3 };
        var speculative = Run(fixture.Model, Options(spec), requests, out var stats);
        Assert.Equal(plain, speculative);
        output.WriteLine($"drafted {stats.SpeculativeDraftedTokens}, accepted {stats.SpeculativeAcceptedTokens}");
        Assert.True(stats.SpeculativeDraftedTokens > 0, "the n-gram proposer should have drafted on the repetitive output");
    }

    private string Text(int[] tokens)
    {
        var bytes = new List<byte>();
        foreach (var t in tokens)
            if (!fixture.Model.Tokenizer.IsEndOfGeneration(t)) bytes.AddRange(fixture.Model.Tokenizer.TokenBytes(t).ToArray());
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
