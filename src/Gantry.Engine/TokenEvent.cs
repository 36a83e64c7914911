using Gantry.Engine.Sampling;

namespace Gantry.Engine;

/// <summary>
/// One step of a request's output stream: a generated token and the text it completes, or — on the last event —
/// why generation finished and the usage counts. <see cref="TextDelta"/> never splits a UTF-8 character and never
/// contains (part of) a stop string.
/// </summary>
public sealed record TokenEvent
{
    /// <summary>The generated token, or -1 on a final event that carries no token.</summary>
    public int TokenId { get; init; } = -1;

    public string TextDelta { get; init; } = "";

    /// <summary>Natural-log probability of <see cref="TokenId"/> under the raw logits (when log-probabilities were requested).</summary>
    public float? LogProb { get; init; }

    /// <summary>The most likely tokens at this step with their log-probabilities (when requested).</summary>
    public TokenLogProb[]? TopLogProbs { get; init; }

    /// <summary>Set on the last event of the stream.</summary>
    public FinishReason? FinishReason { get; init; }

    /// <summary>With <see cref="Engine.FinishReason.Error"/>: what went wrong.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// With <see cref="Engine.FinishReason.Error"/>: the model could not run at all (a remote stage died or timed out),
    /// not this request's fault and worth retrying shortly — servers answer 503.
    /// </summary>
    public bool ModelUnavailable { get; init; }

    /// <summary>Set on the last event of the stream.</summary>
    public GenerationUsage? Usage { get; init; }

    /// <summary>On the last event: seconds from submission to the engine until the scheduler first gave the sequence a
    /// step (until it finished, for one never scheduled). A timing, so it is not part of <see cref="Usage"/>.</summary>
    public double? QueueSeconds { get; init; }

    /// <summary>On the last event: process CPU seconds of the engine steps the request ran in, its share of each by
    /// scheduled tokens (cost accounting). A measurement, so not part of <see cref="Usage"/>.</summary>
    public double? CpuSeconds { get; init; }

    /// <summary>On the last event: its share of the steps' weight reads, the sum over its steps of 1 / sequences in the step.</summary>
    public double? WeightShare { get; init; }
}

/// <summary>Token counts of a finished request.</summary>
/// <param name="CachedPromptTokens">Prompt tokens served from the prefix cache.</param>
public sealed record GenerationUsage(int PromptTokens, int CompletionTokens, int CachedPromptTokens);
