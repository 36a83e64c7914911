using System.Text.Json;

namespace Gantry.Server.Protocol;

/// <summary>Body of <c>POST /v1/chat/completions</c>.</summary>
internal sealed class ChatCompletionRequest : GenerationFields
{
    public List<ChatMessageDto?>? Messages { get; set; }

    public bool? Logprobs { get; set; }

    public int? TopLogprobs { get; set; }

    /// <summary>Functions the model may call: <c>[{"type":"function","function":{"name","description","parameters"}}]</c>.</summary>
    public JsonElement Tools { get; set; }

    /// <summary><c>"none"</c>, <c>"auto"</c>, <c>"required"</c> or <c>{"type":"function","function":{"name":…}}</c>.</summary>
    public JsonElement ToolChoice { get; set; }

    public bool? ParallelToolCalls { get; set; }
}

/// <summary>One chat message; <see cref="Content"/> is a string, null, or an array of <c>{"type":"text","text":…}</c> parts.</summary>
internal sealed class ChatMessageDto
{
    public string? Role { get; set; }
    public JsonElement Content { get; set; }
    public string? Name { get; set; }

    /// <summary>An assistant message's calls: <c>[{"id","type":"function","function":{"name","arguments"}}]</c>.</summary>
    public JsonElement ToolCalls { get; set; }

    /// <summary>A tool message's answer to this call id.</summary>
    public string? ToolCallId { get; set; }
}
