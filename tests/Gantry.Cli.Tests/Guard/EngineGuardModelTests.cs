using Gantry.Cli.Guard;
using Gantry.Guardrails.ModelGuard;
using Gantry.Guardrails.Pipeline;
using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Guard;

/// <summary>
/// The guard-model plumbing on Gantry's own engine. The shared test models have random or story weights, so their
/// answers carry no meaning: these tests check that the prompt runs through the engine, that the answer is bounded
/// and parsed without error, and that bad paths fail cleanly, not what the verdict is.
/// </summary>
public sealed class EngineGuardModelTests
{
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

    [Fact]
    public void GuardCommand_MissingGuardModel_FailsWithAMessage()
    {
        var result = CliRunner.Run("guard", "--guard-model", "/nonexistent/guard.gguf", "hello there, world");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("/nonexistent/guard.gguf", result.Stderr);
    }

    [Fact]
    public void GuardCommand_PromptLongerThanTheGuardContext_FailsWithAMessage()
    {
        var result = CliRunner.Run("guard", "--guard-model", SharedModels.Stories260K, "hello there, world");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("context", result.Stderr);
    }

    [Fact]
    public void GuardCommand_UnknownModeCheck_FailsWithAMessage()
    {
        var result = CliRunner.Run("guard", "--mode", "guard_modle=block", "hello there, world");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("guard_modle", result.Stderr);
    }
}
