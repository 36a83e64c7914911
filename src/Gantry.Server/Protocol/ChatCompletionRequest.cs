using System.Text.Json;

namespace Gantry.Server.Protocol;

/// <summary>Body of <c>POST /v1/chat/completions</c>.</summary>
internal sealed class ChatCompletionRequest : GenerationFields
{
    public List<ChatMessageDto?>? Messages { get; set; }

    public bool? Logprobs { get; set; }

    public int? TopLogprobs { get; set; }
}

/// <summary>One chat message; <see cref="Content"/> is a string, null, or an array of <c>{"type":"text","text":…}</c> parts.</summary>
internal sealed class ChatMessageDto
{
    public string? Role { get; set; }
    public JsonElement Content { get; set; }
    public string? Name { get; set; }
}
