using System.Text.Json;

namespace Gantry.Server.Protocol;

/// <summary>Body of <c>POST /v1/completions</c>. <see cref="Prompt"/> is a string, an array of strings, an array of token ids or an array of those.</summary>
internal sealed class CompletionRequest : GenerationFields
{
    public JsonElement Prompt { get; set; }

    /// <summary>How many top log-probabilities to return per token (the legacy completions field).</summary>
    public int? Logprobs { get; set; }

    public bool? Echo { get; set; }
}
