using Gantry.Engine.Core;
using Gantry.Engine.Output;
using Gantry.Engine.Sampling;
using Gantry.Engine.Scheduling;

namespace Gantry.Engine.Tests.Output;

/// <summary>
/// <see cref="EngineOptions.StreamInterval"/>: the first token goes out at once, later ones in groups, the end of the
/// request releases whatever is held, and the events themselves (tokens, text, finish, usage) never change.
/// </summary>
public sealed class StreamIntervalTests(EngineTestModel fixture) : IClassFixture<EngineTestModel>
{
    private static EngineOptions Options(int interval) => new()
    {
        KvCacheBytes = 8L << 20,
        EnablePrefixCaching = false,
        StreamInterval = interval,
        Scheduler = new SchedulerOptions { MaxBatchedTokens = 512, MaxNumSeqs = 16 },
    };

    private static List<TokenEvent> Drain(RequestState state)
    {
        var events = new List<TokenEvent>();
        while (state.Output.Reader.TryRead(out var e)) events.Add(e);
        return events;
    }

    private static List<TokenEvent> RunAlone(EngineCore core, GenerationRequest request)
    {
        var state = core.Add(request);
        for (var guard = 0; core.HasWork && guard < 10_000; guard++) core.Step();
        Assert.False(core.HasWork);
        return Drain(state);
    }

    [Fact]
    public void Step_Interval4_FirstTokenAtOnceThenGroupsOfFour_EndReleasesTheRest()
    {
        using var core = new EngineCore(fixture.Model, Options(4));
        var state = core.Add(new GenerationRequest
        {
            PromptTokens = fixture.Prompt("Once upon a time"), MaxTokens = 7, IgnoreEndOfGeneration = true, Sampling = SamplingParams.Greedy,
        });
        var readable = new List<int>(); // events readable after each step
        while (core.HasWork)
        {
            core.Step();
            readable.Add(Drain(state).Count);
        }
        // Step 1 samples token 1 (sent at once); steps 2-4 hold tokens 2-4; step 5 sends 2-5; step 6 holds 6;
        // step 7 samples the last token and finishes: 6, 7 and the final event.
        Assert.Equal([1, 0, 0, 0, 4, 0, 3], readable);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(16)]
    public void Step_AnyInterval_SameEventsAsInterval1(int interval)
    {
        string[] texts = ["Once upon a time", "Tom had a red ball.", "The little girl went to the park and saw a big dog."];
        foreach (var text in texts)
        {
            foreach (var stop in new[] { Array.Empty<string>(), ["the"] })
            {
                var request = new GenerationRequest
                {
                    PromptTokens = fixture.Prompt(text), MaxTokens = 40, StopStrings = stop,
                    Sampling = SamplingParams.Greedy with { LogProbs = 2 },
                };
                using var one = new EngineCore(fixture.Model, Options(1));
                using var many = new EngineCore(fixture.Model, Options(interval));
                var expected = RunAlone(one, request);
                var actual = RunAlone(many, request);
                Assert.Equal(expected.Count, actual.Count);
                for (var i = 0; i < expected.Count; i++)
                {
                    Assert.Equal(expected[i].TokenId, actual[i].TokenId);
                    Assert.Equal(expected[i].TextDelta, actual[i].TextDelta);
                    Assert.Equal(expected[i].LogProb, actual[i].LogProb);
                    Assert.Equal(expected[i].FinishReason, actual[i].FinishReason);
                    Assert.Equal(expected[i].Usage, actual[i].Usage);
                }
                Assert.NotNull(actual[^1].FinishReason);
            }
        }
    }

    [Fact]
    public void Cancel_WhileTokensAreHeld_DeliversThemBeforeTheFinalEvent()
    {
        using var core = new EngineCore(fixture.Model, Options(8));
        var state = core.Add(new GenerationRequest
        {
            PromptTokens = fixture.Prompt("One day, a cat and a bird"), MaxTokens = 100, IgnoreEndOfGeneration = true, Sampling = SamplingParams.Greedy,
        });
        for (var i = 0; i < 5; i++) core.Step();
        Assert.Single(Drain(state)); // token 1; tokens 2-5 held
        core.Cancel(state);
        var rest = Drain(state);
        Assert.Equal(5, rest.Count);
        Assert.All(rest.Take(4), e => Assert.True(e.TokenId >= 0));
        Assert.Equal(FinishReason.Cancelled, rest[^1].FinishReason);
        Assert.Equal(5, rest[^1].Usage!.CompletionTokens);
    }

    [Fact]
    public void Constructor_IntervalBelowOne_IsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new EngineCore(fixture.Model, Options(0)));
        Assert.Contains("at least 1", e.Message, StringComparison.Ordinal);
    }
}
