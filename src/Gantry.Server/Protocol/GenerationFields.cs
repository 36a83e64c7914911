using System.Text.Json;

namespace Gantry.Server.Protocol;

/// <summary>
/// The request fields shared by <c>/v1/completions</c> and <c>/v1/chat/completions</c>. Every field is nullable so
/// validation can tell "absent" from "given"; polymorphic fields (<c>stop</c>) stay <see cref="JsonElement"/> until validated.
/// Unknown fields are ignored, as OpenAI-compatible servers do.
/// </summary>
internal abstract class GenerationFields
{
    public string? Model { get; set; }
    public int? MaxTokens { get; set; }
    public int? MaxCompletionTokens { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public int? N { get; set; }
    public JsonElement Stop { get; set; }
    public long? Seed { get; set; }
    public double? PresencePenalty { get; set; }
    public double? FrequencyPenalty { get; set; }
    public string? User { get; set; }
    public bool? Stream { get; set; }
    public StreamOptions? StreamOptions { get; set; }

    // vLLM extensions, handy for benchmarks and local models.
    public int? TopK { get; set; }
    public double? MinP { get; set; }
    public double? RepetitionPenalty { get; set; }
    public bool? IgnoreEos { get; set; }
    public string? CacheSalt { get; set; }

    // Structured output: OpenAI's response_format, llama.cpp's grammar/json_schema, vLLM's guided_* (see OutputConstraints).
    public JsonElement ResponseFormat { get; set; }
    public JsonElement Grammar { get; set; }
    public JsonElement JsonSchema { get; set; }
    public JsonElement GuidedJson { get; set; }
    public JsonElement GuidedRegex { get; set; }
    public JsonElement GuidedGrammar { get; set; }
    public JsonElement GuidedChoice { get; set; }
}

internal sealed class StreamOptions
{
    public bool? IncludeUsage { get; set; }
}
