using System.Text.Json.Serialization;

namespace Gantry.Server.Protocol;

/// <summary><c>text_completion</c> objects: the whole response, or (streaming) one chunk of it.</summary>
internal sealed record CompletionResponse(string Id, long Created, string Model, IReadOnlyList<CompletionChoice> Choices, Usage? Usage)
{
    public string Object => "text_completion";
}

internal sealed record CompletionChoice(
    int Index,
    string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] CompletionLogProbs? Logprobs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason);

/// <summary>The legacy completions log-probability shape: parallel arrays per token.</summary>
internal sealed record CompletionLogProbs(
    List<string> Tokens,
    List<float> TokenLogprobs,
    List<Dictionary<string, float>> TopLogprobs,
    List<int> TextOffset);
