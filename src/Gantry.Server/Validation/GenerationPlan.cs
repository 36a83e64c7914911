using Gantry.Engine;
using Gantry.Engine.Sampling;
using Gantry.Server.Catalog;

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
        };
    }
}

/// <summary>Which log-probability shape the response carries.</summary>
internal enum LogProbsMode { None, Completions, Chat }
