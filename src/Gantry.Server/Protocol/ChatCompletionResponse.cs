using System.Text.Json.Serialization;

namespace Gantry.Server.Protocol;

internal sealed record ChatCompletionResponse(string Id, long Created, string Model, IReadOnlyList<ChatChoice> Choices, Usage Usage)
{
    public string Object => "chat.completion";
}

internal sealed record ChatChoice(
    int Index,
    ChatMessageOut Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ChatLogProbs? Logprobs,
    string FinishReason);

internal sealed record ChatMessageOut(string Role, string Content);

internal sealed record ChatLogProbs(List<ChatTokenLogProb> Content);

internal sealed record ChatTokenLogProb(string Token, float Logprob, IReadOnlyList<int> Bytes, List<ChatTopLogProb> TopLogprobs);

internal sealed record ChatTopLogProb(string Token, float Logprob, IReadOnlyList<int> Bytes);

/// <summary>One <c>chat.completion.chunk</c> of a streamed chat response.</summary>
internal sealed record ChatCompletionChunk(string Id, long Created, string Model, IReadOnlyList<ChatChunkChoice> Choices, Usage? Usage)
{
    public string Object => "chat.completion.chunk";
}

internal sealed record ChatChunkChoice(
    int Index,
    ChatDelta Delta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ChatLogProbs? Logprobs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason);

internal sealed record ChatDelta(string? Role, string? Content);
