using Gantry.Engine.Core;
using Gantry.Engine.Output;
using Gantry.Engine.Sampling;
using Gantry.Engine.Scheduling;

namespace Gantry.Engine.Tests.Costs;

/// <summary>How the engine charges each request its share of every step it ran in (the inputs of cost accounting).</summary>
public sealed class StepChargeTests(EngineTestModel fixture) : IClassFixture<EngineTestModel>
{
    private static EngineOptions Options() => new()
    {
        KvCacheBytes = 8L << 20,
        EnablePrefixCaching = false,
        Scheduler = new SchedulerOptions { MaxBatchedTokens = 512, MaxNumSeqs = 16 },
    };

    private static GenerationRequest Request(int[] prompt, int maxTokens) =>
        new() { PromptTokens = prompt, MaxTokens = maxTokens, Sampling = SamplingParams.Greedy, IgnoreEndOfGeneration = true };

    private static TokenEvent Last(RequestState state)
    {
        TokenEvent? last = null;
        while (state.Output.Reader.TryRead(out var e)) last = e;
        return last!;
    }

    [Fact]
    public void Alone_OneWeightReadPerStep_CpuTimeIsTheStepsTime()
    {
        using var core = new EngineCore(fixture.Model, Options());
        var state = core.Add(Request(fixture.Prompt("Once upon a time"), 7));
        var cpuStart = Environment.CpuUsage.TotalTime;
        var steps = 0;
        while (core.HasWork) { core.Step(); steps++; }
        var cpu = (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds;
        var last = Last(state);
        Assert.Equal(7, steps); // the prefill step samples the first token, then one step per token
        Assert.Equal(7.0, last.WeightShare!.Value, 12);
        Assert.InRange(last.CpuSeconds!.Value, 0, cpu + 1e-6); // within the process time the steps took
    }

    [Fact]
    public void Together_WeightReadsShared_CpuSplitByScheduledTokens()
    {
        using var core = new EngineCore(fixture.Model, Options());
        var shortPrompt = fixture.Prompt("Tom had a red ball.");
        var longPrompt = fixture.Prompt("The little girl went to the park and saw a big dog. She was very happy and wanted to play.");
        var a = core.Add(Request(shortPrompt, 4));
        var b = core.Add(Request(longPrompt, 4));
        var steps = 0;
        while (core.HasWork) { core.Step(); steps++; }
        var (lastA, lastB) = (Last(a), Last(b));
        Assert.Equal(4, steps); // both prefill in the first step and decode side by side
        Assert.Equal(2.0, lastA.WeightShare!.Value, 12); // half of each of 4 steps
        Assert.Equal(2.0, lastB.WeightShare!.Value, 12);
        Assert.True(lastA.CpuSeconds >= 0 && lastB.CpuSeconds >= 0);
    }

    [Fact]
    public void Charge_CpuByScheduledTokens_WeightsEqually()
    {
        var prefill = new Sequence(1, new int[100], 8) { NumScheduledTokens = 100 };
        var decode = new Sequence(2, new int[5], 8) { NumScheduledTokens = 1 };
        EngineCore.Charge([prefill, decode], cpuSeconds: 1.01);
        EngineCore.Charge([prefill, decode], cpuSeconds: 0.0); // a step too short to measure charges time nobody
        Assert.Equal(1.0, prefill.CpuSeconds, 12);
        Assert.Equal(0.01, decode.CpuSeconds, 12);
        Assert.Equal((1.0, 1.0), (prefill.WeightShare, decode.WeightShare));
    }
}
