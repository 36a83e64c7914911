namespace Gantry.Engine.Sampling;

/// <summary>
/// How one request wants its tokens chosen. Immutable; <see cref="Validate"/> is called at the edge
/// (by <see cref="Sampler"/>'s constructor and by whoever parses the request), so the hot path never
/// sees a bad value. Defaults leave every stage off except temperature 1 sampling.
/// </summary>
/// <remarks>
/// Semantics follow llama.cpp's sampler chain (src/llama-sampling.cpp): penalties count tokens in the
/// last <see cref="RepetitionLastN"/> accepted tokens (prompt included); frequency and presence use
/// OpenAI's formula <c>logit -= count * frequency + (count &gt; 0) * presence</c>.
/// </remarks>
public sealed record SamplingParams
{
    /// <summary>The most top log-probabilities one token may report, as in OpenAI's <c>top_logprobs</c>.</summary>
    public const int MaxLogProbs = 20;

    /// <summary>Divides the logits of the surviving candidates; 0 means greedy (argmax).</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>Keep only the k most likely tokens; 0 turns the filter off.</summary>
    public int TopK { get; init; }

    /// <summary>Keep the smallest set of most likely tokens whose probability sums to at least this; 1 = off.</summary>
    public float TopP { get; init; } = 1f;

    /// <summary>Keep tokens whose probability is at least this fraction of the most likely token's; 0 = off.</summary>
    public float MinP { get; init; }

    /// <summary>Divides positive and multiplies negative logits of recently seen tokens; 1 = off.</summary>
    public float RepetitionPenalty { get; init; } = 1f;

    /// <summary>How many of the most recent tokens the penalties look at; 0 = penalties off, -1 = all tokens.</summary>
    public int RepetitionLastN { get; init; } = 64;

    /// <summary>Subtracted once from the logit of every token seen in the window (OpenAI range -2..2).</summary>
    public float PresencePenalty { get; init; }

    /// <summary>Subtracted per occurrence from the logit of every token seen in the window (OpenAI range -2..2).</summary>
    public float FrequencyPenalty { get; init; }

    /// <summary>Seed of the sampler's generator; null draws one from the operating system's random source.</summary>
    public ulong? Seed { get; init; }

    /// <summary>How many top (token, logprob) pairs to report per token; 0 = none.</summary>
    public int LogProbs { get; init; }

    /// <summary>Temperature 0: always the most likely token, no randomness.</summary>
    public static SamplingParams Greedy { get; } = new() { Temperature = 0f };

    /// <summary>True when the sampler picks the argmax instead of drawing.</summary>
    public bool IsGreedy => Temperature <= 0f;

    /// <summary>True when some penalty would change a logit, so the sampler must track token history.</summary>
    public bool HasPenalties =>
        RepetitionLastN != 0 && (RepetitionPenalty != 1f || PresencePenalty != 0f || FrequencyPenalty != 0f);

    /// <summary>Throws <see cref="ArgumentException"/> (its ParamName is the property) for the first bad value.</summary>
    public void Validate()
    {
        if (!float.IsFinite(Temperature) || Temperature < 0f)
            throw Bad(nameof(Temperature), Temperature, "must be a finite number >= 0 (0 = greedy)");
        if (TopK < 0)
            throw Bad(nameof(TopK), TopK, "must be >= 0 (0 = off)");
        if (!(TopP >= 0f && TopP <= 1f)) // written so NaN fails too
            throw Bad(nameof(TopP), TopP, "must be in [0, 1] (1 = off)");
        if (!(MinP >= 0f && MinP <= 1f))
            throw Bad(nameof(MinP), MinP, "must be in [0, 1] (0 = off)");
        if (!float.IsFinite(RepetitionPenalty) || RepetitionPenalty <= 0f)
            throw Bad(nameof(RepetitionPenalty), RepetitionPenalty, "must be a finite number > 0 (1 = off)");
        if (RepetitionLastN < -1)
            throw Bad(nameof(RepetitionLastN), RepetitionLastN, "must be >= -1 (-1 = all tokens, 0 = off)");
        if (!(PresencePenalty >= -2f && PresencePenalty <= 2f))
            throw Bad(nameof(PresencePenalty), PresencePenalty, "must be in [-2, 2]");
        if (!(FrequencyPenalty >= -2f && FrequencyPenalty <= 2f))
            throw Bad(nameof(FrequencyPenalty), FrequencyPenalty, "must be in [-2, 2]");
        if (LogProbs < 0 || LogProbs > MaxLogProbs)
            throw Bad(nameof(LogProbs), LogProbs, $"must be in [0, {MaxLogProbs}]");
    }

    private static ArgumentException Bad<T>(string field, T value, string rule) =>
        new($"{field} {rule}; got {value}.", field);
}
