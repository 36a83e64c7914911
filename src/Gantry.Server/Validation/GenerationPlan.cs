using Gantry.Engine;
using Gantry.Engine.Sampling;
using Gantry.Engine.Constraints;
using Gantry.Server.Catalog;
using Gantry.Server.Tools;

namespace Gantry.Server.Validation;

/// <summary>
/// A validated request, ready for the engine: every prompt tokenized and checked against the context and the KV cache.
/// Choice <c>i</c> continues prompt <c>i / N</c>; with a seed, sample <c>i % N</c> uses <c>seed + i % N</c>.
/// </summary>
internal sealed record GenerationPlan(
    ServedModel Model,
    IReadOnlyList<int[]> Prompts,
    IReadOnlyList<int> MaxTokens,
    int N,
    SamplingParams Sampling,
    IReadOnlyList<string> Stops,
    bool Stream,
    bool IncludeUsage,
    LogProbsMode LogProbs,
    int TopLogProbs,
    bool IgnoreEos,
    string? CacheSalt)
{
    public int ChoiceCount => Prompts.Count * N;

    /// <summary>The output constraint (response_format, grammar, guided_*, or forced tool calls); null for free text.</summary>
    public Grammar? Grammar { get; init; }

    /// <summary>How the reply is read for tool calls (chat with <c>tools</c>); null: it is all content.</summary>
    public ToolPlan? Tools { get; init; }

    /// <summary>The chat template's rendered prompt (what <c>/apply-template</c> returns); null for completions.</summary>
    public string? PromptText { get; init; }

    /// <summary>Whether the engine writes control tokens' text (the tool-call parser needs the model's markers).</summary>
    public bool RenderSpecialTokens { get; init; }

    /// <summary>The LoRA adapter the request named (in <c>model</c>); null runs the base model.</summary>
    public Gantry.Models.Lora.LoraSet? Lora { get; init; }

    /// <summary>The name of the LoRA adapter the request named; null runs the base model.</summary>
    public string? AdapterName { get; init; }

    /// <summary>The <c>model</c> the response echoes: the adapter's name for an adapter request, else the served model's.</summary>
    public string ResponseModel => AdapterName ?? Model.Name;

    public GenerationRequest RequestFor(int choice)
    {
        var prompt = choice / N;
        var sampling = Sampling.Seed is { } seed && N > 1 ? Sampling with { Seed = seed + (ulong)(choice % N) } : Sampling;
        return new GenerationRequest
        {
            PromptTokens = Prompts[prompt],
            MaxTokens = MaxTokens[prompt],
            Sampling = sampling,
            StopStrings = Stops,
            IgnoreEndOfGeneration = IgnoreEos,
            CacheSalt = CacheSalt,
            Grammar = Grammar,
            RenderSpecialTokens = RenderSpecialTokens,
            Lora = Lora,
        };
    }
}

/// <summary>Which log-probability shape the response carries.</summary>
internal enum LogProbsMode { None, Completions, Chat }
