using System.Text.Json;
using System.Text.Json.Nodes;
using Gantry.Server.Chat;
using Gantry.Server.Protocol;

namespace Gantry.Server.Validation;

/// <summary>
/// Validates <c>messages</c> by role, as OpenAI does: a <c>system</c>/<c>developer</c> or <c>user</c> message needs
/// <c>content</c>; an <c>assistant</c> message may omit it only when it carries <c>tool_calls</c>; a <c>tool</c> message
/// needs <c>tool_call_id</c> and <c>content</c>; only assistant messages carry <c>tool_calls</c>. The legacy
/// <c>function</c> role (a function's result, before tools) needs <c>name</c> and <c>content</c> and is a tool message
/// from then on: rendered with the <c>tool</c> role and judged by the guardrails as content. Text content passes
/// through the input guardrails (<see cref="PromptFilter"/>) before it is rendered.
/// </summary>
internal static class ChatMessages
{
    public static ApiError? Parse(List<ChatMessageDto?>? messages, PromptFilter? filter, out IReadOnlyList<ChatTurn> turns)
    {
        turns = [];
        if (messages is null) return ApiError.Missing("messages");
        if (messages.Count == 0) return ApiError.Invalid("messages", "'messages' must hold at least one message");
        var list = new List<ChatTurn>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            var param = $"messages[{i}]";
            if (m is null) return ApiError.Invalid(param, $"'{param}' must be an object");
            var role = m.Role switch
            {
                "system" or "developer" => "system",
                "user" or "assistant" or "tool" => m.Role,
                "function" => "tool",
                null => null,
                _ => "",
            };
            if (role is null) return ApiError.Missing(param + ".role");
            if (role.Length == 0) return ApiError.Invalid(param + ".role", $"'{param}.role' must be system, developer, user, assistant, tool or function; got '{m.Role}'");
            var hasContent = m.Content.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
            var hasCalls = m.ToolCalls.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
            if (hasCalls && role != "assistant")
                return ApiError.Invalid(param + ".tool_calls", $"'{param}.tool_calls' is only allowed on assistant messages");
            JsonArray? calls = null;
            if (hasCalls && ToolCalls(m.ToolCalls, param + ".tool_calls", out calls) is { } callsError) return callsError;
            if (!hasContent && !(role == "assistant" && hasCalls))
            {
                return role == "assistant"
                    ? ApiError.Invalid(param + ".content", $"'{param}' (assistant) needs 'content' or 'tool_calls'")
                    : ApiError.Invalid(param + ".content", $"'{param}.content' is required for a {m.Role} message");
            }
            var legacyFunction = m.Role == "function";
            if (legacyFunction && m.Name is not { Length: > 0 })
                return ApiError.Invalid(param + ".name", $"'{param}.name' is required for a function message (the function whose result it is)");
            if (role == "tool" && !legacyFunction && m.ToolCallId is not { Length: > 0 })
                return ApiError.Invalid(param + ".tool_call_id", $"'{param}.tool_call_id' is required for a tool message (the id of the call it answers)");
            if ((role != "tool" || legacyFunction) && m.ToolCallId is not null)
                return ApiError.Invalid(param + ".tool_call_id", $"'{param}.tool_call_id' is only allowed on tool messages");
            if (Content(m.Content, param + ".content", out var text) is { } e) return e;
            if (text.Length > 0 && filter?.Invoke("messages", RoleOf(role), ref text) is { } refused) return refused;
            list.Add(new ChatTurn(role, text, calls, role == "tool" ? m.ToolCallId : null, m.Name));
        }
        turns = list;
        return null;
    }

    /// <summary>The guardrails' view of a validated role: a <c>tool</c> message is content, not an instruction.</summary>
    private static PromptRole RoleOf(string role) => role switch
    {
        "system" => PromptRole.System,
        "assistant" => PromptRole.Assistant,
        "tool" => PromptRole.Tool,
        _ => PromptRole.User,
    };

    /// <summary>An assistant message's calls in OpenAI's shape, arguments kept as JSON text (an object is accepted and written as text).</summary>
    private static ApiError? ToolCalls(JsonElement value, string param, out JsonArray? calls)
    {
        calls = null;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            return ApiError.Invalid(param, $"'{param}' must be a non-empty array of calls");
        var list = new JsonArray();
        var i = 0;
        foreach (var call in value.EnumerateArray())
        {
            var p = $"{param}[{i++}]";
            if (call.ValueKind != JsonValueKind.Object) return ApiError.Invalid(p, $"'{p}' must be an object");
            if (!call.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } idText)
                return ApiError.Invalid(p + ".id", $"'{p}.id' is required");
            if (call.TryGetProperty("type", out var type) && (type.ValueKind != JsonValueKind.String || type.GetString() != "function"))
                return ApiError.Invalid(p + ".type", $"'{p}.type' must be 'function'");
            if (!call.TryGetProperty("function", out var f) || f.ValueKind != JsonValueKind.Object
                || !f.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } nameText)
                return ApiError.Invalid(p + ".function.name", $"'{p}.function.name' is required");
            string arguments;
            if (!f.TryGetProperty("arguments", out var args) || args.ValueKind == JsonValueKind.Null) arguments = "{}";
            else if (args.ValueKind == JsonValueKind.String) arguments = args.GetString()!;
            else if (args.ValueKind == JsonValueKind.Object) arguments = args.GetRawText();
            else return ApiError.Invalid(p + ".function.arguments", $"'{p}.function.arguments' must be a string of JSON");
            list.Add(new JsonObject
            {
                ["id"] = idText,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = nameText, ["arguments"] = arguments },
            });
        }
        calls = list;
        return null;
    }

    private static ApiError? Content(JsonElement content, string param, out string text)
    {
        text = "";
        switch (content.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return RequestValidator.Text(content, param, out text);
            case JsonValueKind.Array:
                var sb = new System.Text.StringBuilder();
                var j = 0;
                foreach (var part in content.EnumerateArray())
                {
                    var partParam = $"{param}[{j++}]";
                    if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                        return ApiError.Invalid(partParam, $"'{partParam}' must be an object with a 'type'");
                    if (type.GetString() != "text")
                        return ApiError.Invalid(partParam + ".type", $"content parts of type '{type.GetString()}' are not supported (only 'text')");
                    if (!part.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String)
                        return ApiError.Invalid(partParam + ".text", $"'{partParam}.text' must be a string");
                    if (RequestValidator.Text(t, partParam + ".text", out var partText) is { } badText) return badText;
                    sb.Append(partText);
                }
                text = sb.ToString();
                return null;
            default:
                return ApiError.Invalid(param, $"'{param}' must be a string or an array of content parts");
        }
    }
}
