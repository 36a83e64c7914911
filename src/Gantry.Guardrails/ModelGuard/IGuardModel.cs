namespace Gantry.Guardrails.ModelGuard;

/// <summary>
/// A model that completes a guard prompt: in Gantry, a guard model loaded on its own <c>LlmEngine</c> (its own
/// batch and KV budget), adapted where the engine is at hand (the CLI, the server). Greedy, a few tokens.
/// Implementations are thread-safe.
/// </summary>
public interface IGuardModel
{
    Task<string> CompleteAsync(string prompt, int maxTokens, CancellationToken cancellationToken);
}
