namespace Gantry.Server.Drift;

/// <summary>
/// What drift monitoring keeps of one finished request: token counts (-1 when unknown, as for a request blocked before
/// tokenizing), the finish reason (<c>stop</c>, <c>length</c>, …), the mean log-probability of its output tokens (NaN
/// unless the request asked for log-probabilities; the engine computes them only then), and whether a guardrail
/// blocked it or the model's output was filtered.
/// </summary>
public readonly record struct DriftSample(int PromptTokens, int OutputTokens, string? FinishReason, double MeanLogProb, bool Blocked);
