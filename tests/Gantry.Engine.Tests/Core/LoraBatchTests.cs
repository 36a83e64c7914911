using Gantry.Engine.Core;
using Gantry.Engine.Output;
using Gantry.Engine.Sampling;
using Gantry.Engine.Scheduling;
using Gantry.Models.Architectures;
using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Attention;
using Gantry.Models.Lora;
using Gantry.Models.Lora.Loading;
using Gantry.Models.Synthesis;
using Gantry.Tensors.Threading;
using Gantry.TestSupport;

namespace Gantry.Engine.Tests.Core;

/// <summary>A Q8_0 synthetic base (its matmuls are batch-invariant) and eight rank-8 adapters for it.</summary>
public sealed class LoraEngineModel : IDisposable
{
    private readonly TempFile _base = new();
    private readonly WorkerPool _pool = new(2);

    public LoraEngineModel()
    {
        ModelSynthesizer.Write(ModelShape.Tiny, "q8_0", 1, _base.Path);
        Model = (DecoderModel)ModelLoader.Load(_base.Path, _pool);
        Adapters = new LoraSet[8];
        for (var a = 0; a < Adapters.Length; a++)
        {
            using var file = new TempFile();
            LoraSynthesizer.Build(ModelShape.Tiny, 8, seed: 40 + (ulong)a, strength: 0.5f).WriteTo(file.Path);
            Adapters[a] = new LoraSet(LoraAdapterLoader.Load(file.Path, Model.LoraShape, $"adapter{a}"));
        }
    }

    public DecoderModel Model { get; }

    public LoraSet[] Adapters { get; }

    public void Dispose()
    {
        Model.Dispose();
        _pool.Dispose();
        _base.Dispose();
    }
}

/// <summary>Sequences with different adapters and none share steps, and each gets exactly what it gets alone.</summary>
public sealed class LoraBatchTests(LoraEngineModel fixture) : IClassFixture<LoraEngineModel>
{
    private static EngineOptions Options(bool prefix = false) => new()
    {
        KvCacheBytes = 16L << 20,
        KvCacheType = KvCacheType.F32,
        EnablePrefixCaching = prefix,
        Scheduler = new SchedulerOptions { MaxBatchedTokens = 64, MaxNumSeqs = 16 },
    };

    private static GenerationRequest Request(int[] prompt, LoraSet? lora) =>
        new() { PromptTokens = prompt, MaxTokens = 24, Sampling = SamplingParams.Greedy, IgnoreEndOfGeneration = true, Lora = lora };

    private static int[] Prompt(int s, int length = 12) => Enumerable.Range(0, length).Select(i => 1 + (i * 37 + s * 101) % 1000).ToArray();

    private static int[] Tokens(RequestState state)
    {
        var tokens = new List<int>();
        while (state.Output.Reader.TryRead(out var e)) if (e.TokenId >= 0) tokens.Add(e.TokenId);
        return tokens.ToArray();
    }

    private static void RunToEnd(EngineCore core)
    {
        for (var guard = 0; core.HasWork && guard < 100_000; guard++) core.Step();
        Assert.False(core.HasWork);
    }

    private int[] Alone(int[] prompt, LoraSet? lora)
    {
        using var core = new EngineCore(fixture.Model, Options());
        var state = core.Add(Request(prompt, lora));
        RunToEnd(core);
        return Tokens(state);
    }

    [Fact]
    public void Step_SixteenSequencesOverEightAdaptersAndBase_EachMatchesAlone()
    {
        // Sequences 0–7 use adapters 0–7, 8–11 reuse four of them, 12–15 run the base model alone.
        var sets = Enumerable.Range(0, 16).Select(s => s < 12 ? fixture.Adapters[s % 8] : null).ToArray();
        var prompts = Enumerable.Range(0, 16).Select(s => Prompt(s, 4 + s % 9)).ToArray();
        var expected = Enumerable.Range(0, 16).Select(s => Alone(prompts[s], sets[s])).ToArray();

        using var core = new EngineCore(fixture.Model, Options());
        var states = Enumerable.Range(0, 16).Select(s => core.Add(Request(prompts[s], sets[s]))).ToArray();
        RunToEnd(core);
        for (var s = 0; s < 16; s++) Assert.Equal(expected[s], Tokens(states[s]));
        // The adapters change what the model says.
        Assert.Contains(Enumerable.Range(0, 8), s => !expected[s].SequenceEqual(Alone(prompts[s], null)));
    }

    [Fact]
    public void PrefixCache_SamePromptUnderAnotherAdapter_DoesNotReuseBlocks()
    {
        var prompt = Prompt(7, 40);
        using var core = new EngineCore(fixture.Model, Options(prefix: true));
        var withA = core.Add(Request(prompt, fixture.Adapters[0]));
        RunToEnd(core);
        var hitsBefore = core.Stats.PrefixHitTokens;
        var withB = core.Add(Request(prompt, fixture.Adapters[1]));
        var plain = core.Add(Request(prompt, null));
        RunToEnd(core);
        Assert.Equal(hitsBefore, core.Stats.PrefixHitTokens);
        Assert.Equal(Alone(prompt, fixture.Adapters[1]), Tokens(withB));
        Assert.Equal(Alone(prompt, null), Tokens(plain));

        var againA = core.Add(Request(prompt, fixture.Adapters[0]));
        RunToEnd(core);
        Assert.True(core.Stats.PrefixHitTokens >= hitsBefore + 32, "the same adapter should reuse its cached prefix");
        Assert.Equal(Tokens(withA), Tokens(againA));
    }

    [Fact]
    public void Stats_NameTheAdaptersOfRunningAndWaitingSequences()
    {
        var options = Options() with { Scheduler = new SchedulerOptions { MaxBatchedTokens = 64, MaxNumSeqs = 1 } };
        using var core = new EngineCore(fixture.Model, options);
        core.Add(Request(Prompt(1), fixture.Adapters[2]));
        core.Add(Request(Prompt(2), fixture.Adapters[5]));
        core.Add(Request(Prompt(3), null));
        core.Step();
        Assert.Equal(["adapter2"], core.Stats.RunningLoraAdapters);
        Assert.Equal(["adapter5"], core.Stats.WaitingLoraAdapters);
        RunToEnd(core);
        Assert.Empty(core.Stats.RunningLoraAdapters);
        Assert.Empty(core.Stats.WaitingLoraAdapters);
    }

    [Fact]
    public void Add_AdapterLoadedForAnotherModel_Throws()
    {
        using var other = new TempFile();
        ModelSynthesizer.Write(ModelShape.Tiny, "q8_0", 2, other.Path);
        using var pool = new WorkerPool(1);
        using var model = (DecoderModel)ModelLoader.Load(other.Path, pool);
        using var core = new EngineCore(model, Options());
        Assert.Throws<ArgumentException>(() => core.Add(Request(Prompt(1), fixture.Adapters[0])));
    }
}
