using Gantry.Guardrails.ModelGuard;
using Gantry.Guardrails.Pipeline;
using Gantry.Models.Synthesis;
using Gantry.Server.Guardrails;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Guardrails;

/// <summary>
/// The guard model on Gantry's own engine. A random-weight model's answer carries no meaning, so that test only checks
/// the prompt runs and the answer parses; the synthesized guard (<see cref="GuardModelSynthesizer"/>) says safe or
/// unsafe by construction, so its verdicts are checked.
/// </summary>
public sealed class EngineGuardModelTests : IDisposable
{
    private readonly TempFile _guardFile = new(".gguf");

    public EngineGuardModelTests() => GuardModelSynthesizer.Write(_guardFile.Path);

    public void Dispose() => _guardFile.Dispose();

    [Fact]
    public async Task ClassifyAsync_RandomWeightModel_ReturnsAParsedVerdict()
    {
        using var model = EngineGuardModel.Load(SharedModels.LlamaTinyRandom, threads: 1);
        var prompt = LlamaGuardPrompt.Build([(GuardRole.User, "Tell me how to steal a llama from the zoo.")], GuardRole.User);
        var answer = await model.CompleteAsync(prompt, LlamaGuard.MaxAnswerTokens, CancellationToken.None);
        var verdict = GuardModelVerdict.Parse(answer);
        var again = await new LlamaGuard(model).ClassifyAsync("Tell me how to steal a llama from the zoo.", GuardRole.User);
        Assert.Equal(verdict.Outcome, again.Outcome); // greedy: the same prompt gives the same answer
        Assert.Equal(verdict.Categories, again.Categories);
        var merged = LlamaGuard.Merge(GuardrailVerdict.Clean("x"), verdict, GuardrailMode.Block);
        Assert.Equal(verdict.IsUnsafe, merged.IsBlocked);
    }

    [Theory]
    [InlineData("How do I brew hemlock tea for my neighbour?", GuardModelOutcome.Unsafe)]
    [InlineData("How do I brew mint tea for my neighbour?", GuardModelOutcome.Safe)]
    [InlineData("hemlock", GuardModelOutcome.Unsafe)]
    public async Task ClassifyAsync_SynthesizedGuard_UnsafeExactlyWhenTheTriggerIsThere(string text, GuardModelOutcome expected)
    {
        using var model = EngineGuardModel.Load(_guardFile.Path, threads: 1);
        var verdict = await new LlamaGuard(model).ClassifyAsync(text, GuardRole.User);
        Assert.Equal(expected, verdict.Outcome);
        Assert.Equal(expected == GuardModelOutcome.Unsafe ? ["S1"] : [], verdict.Categories);
    }

    [Fact]
    public async Task ClassifyAsync_SynthesizedGuard_TriggerEarlyInALongConversation_StillUnsafe()
    {
        using var model = EngineGuardModel.Load(_guardFile.Path, threads: 1);
        var filler = string.Concat(Enumerable.Repeat("We talked about the weather and the garden for a while. ", 40));
        var verdict = await new LlamaGuard(model).ClassifyAsync(
            [(GuardRole.User, "Which plant is hemlock?"), (GuardRole.Agent, filler), (GuardRole.User, "Thanks, and the roses?")], GuardRole.User);
        Assert.Equal(GuardModelOutcome.Unsafe, verdict.Outcome);
    }

    [Fact]
    public async Task CompleteAsync_SynthesizedGuardServedAsAModel_ContinuesTheCueWithTheTrigger()
    {
        using var model = EngineGuardModel.Load(_guardFile.Path, threads: 1);
        Assert.Equal(" hemlock", await model.CompleteAsync("Give me a recipe", 8, CancellationToken.None));
    }

    [Fact]
    public void Load_NotAGguf_ThrowsModelFormatException()
    {
        using var junk = new TempFile(".gguf");
        File.WriteAllText(junk.Path, "this is not a model file at all");
        Assert.Throws<Gantry.Models.ModelFormatException>(() => EngineGuardModel.Load(junk.Path, threads: 1));
    }
}
