namespace Gantry.Guardrails.ModelGuard;

/// <summary>
/// A model that completes a guard prompt: in Gantry, a guard model loaded on its own <c>LlmEngine</c> (its own
/// batch and KV budget), adapted where the engine is at hand (the CLI, the server). Greedy, a few tokens.
/// Implementations are thread-safe.
/// </summary>
public interface IGuardModel
{
    Task<string> CompleteAsync(string prompt, int maxTokens, CancellationToken cancellationToken);

    /// <summary>Tokens a prompt and its answer may fill together: the model's context, or less when its KV budget is smaller.</summary>
    int ContextTokens { get; }

    /// <summary>How many tokens <paramref name="text"/> is to this model (as <see cref="CompleteAsync"/> would read it).</summary>
    int CountTokens(string text);
}
