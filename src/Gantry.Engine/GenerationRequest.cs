using Gantry.Engine.Constraints;
using Gantry.Engine.Sampling;
using Gantry.Models.Lora;

namespace Gantry.Engine;

/// <summary>One request to the engine: a tokenized prompt and how to continue it.</summary>
public sealed record GenerationRequest
{
    public required IReadOnlyList<int> PromptTokens { get; init; }

    public SamplingParams Sampling { get; init; } = SamplingParams.Greedy;

    /// <summary>Most tokens to generate; generation also stops at the model's context length.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Strings that end generation when they appear in the output; the stop string itself is not returned.</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];

    /// <summary>Keep generating through end-of-generation tokens (benchmarks).</summary>
    public bool IgnoreEndOfGeneration { get; init; }

    /// <summary>Lower values are admitted first; equal priorities are first-come first-served.</summary>
    public int Priority { get; init; }

    /// <summary>Isolation key for the prefix cache (tenant or the request's <c>cache_salt</c>); null shares with every request without one.</summary>
    public string? CacheSalt { get; init; }

    /// <summary>
    /// Constrains the output to this grammar (compiled from GBNF, a JSON schema, a regex or choices by
    /// <see cref="ConstraintGrammars"/>); null leaves it free. Reuse one instance for one schema: the engine shares
    /// its automaton and cached token masks across the requests that use it.
    /// </summary>
    public Grammar? Grammar { get; init; }

    /// <summary>
    /// Write control tokens' text (<c>[TOOL_CALLS]</c>, <c>&lt;|python_tag|&gt;</c>) into the output instead of nothing,
    /// so a tool-call parser downstream sees the markers the model wrote. End-of-generation tokens are never written.
    /// </summary>
    public bool RenderSpecialTokens { get; init; }

    /// <summary>
    /// LoRA adapters to run with, loaded against this engine's model (null: the base model). Sequences with different
    /// adapters, and none, share batches; reuse one set per adapter choice so they also share a group in the step.
    /// </summary>
    public LoraSet? Lora { get; init; }
}
