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

/// <summary>The reply; <see cref="Content"/> is null (and written as null) when the model only called tools.</summary>
internal sealed record ChatMessageOut(
    string Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Content,
    IReadOnlyList<ToolCallOut>? ToolCalls = null);

/// <summary>One call in <c>message.tool_calls</c>; <c>arguments</c> is JSON text, as OpenAI sends it.</summary>
internal sealed record ToolCallOut(string Id, FunctionCallOut Function)
{
    public string Type => "function";
}

internal sealed record FunctionCallOut(string Name, string Arguments);

/// <summary>
/// One streamed piece of a call, as the SDKs assemble them by <see cref="Index"/>: the first piece carries the id, type and
/// name (and empty arguments), later ones only argument fragments to append.
/// </summary>
internal sealed record ToolCallDelta(int Index, string? Id, string? Type, FunctionCallDelta Function);

internal sealed record FunctionCallDelta(string? Name, string Arguments);

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

internal sealed record ChatDelta(string? Role, string? Content, IReadOnlyList<ToolCallDelta>? ToolCalls = null);
