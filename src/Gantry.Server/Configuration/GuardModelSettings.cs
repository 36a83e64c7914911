namespace Gantry.Server.Configuration;

/// <summary>What a request meets when the guard model cannot judge it (its engine failed or refused the text).</summary>
public enum GuardModelFailure
{
    /// <summary>Serve the request as if the guard had said safe; the failure is logged, audited
    /// (<c>input:guard_model:error</c>) and counted. The default: a guard outage must not take the API down.</summary>
    Open,
    /// <summary>Refuse: input with 503 <c>guard_model_unavailable</c>; under block, an output ends with <c>content_filter</c>.</summary>
    Closed,
}

/// <summary>
/// A guard model (<c>gantry serve --guard-model PATH.gguf</c>): a Llama Guard 3 GGUF run on its own engine (its own
/// worker pool, batch and KV budget, apart from the served models), loaded once before the served models. Its verdict
/// acts under the <c>guard_model</c> mode of the request's guardrail policy.
/// </summary>
public sealed record GuardModelSettings
{
    public required string Path { get; init; }

    /// <summary>The guard engine's KV budget in bytes; null: room for four 2k-token classifications at once.</summary>
    public long? KvCacheBytes { get; init; }

    public GuardModelFailure OnFailure { get; init; } = GuardModelFailure.Open;

    /// <summary>
    /// Under <c>guard_model=block</c>, a streamed answer is judged every this many generated tokens (and at its end):
    /// text is held back until the guard has judged it, and a chunk judged unsafe ends the stream with
    /// <c>content_filter</c>. Smaller: less text waits, one more guard call per chunk. Non-streamed answers are judged once, whole.
    /// </summary>
    public int StreamIntervalTokens { get; init; } = DefaultStreamIntervalTokens;

    public const int DefaultStreamIntervalTokens = 64;
}
