using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gantry.Models.ChatTemplates;

/// <summary>
/// Brings OpenAI-style messages into the shape a template can render, as llama.cpp does before rendering:
/// <list type="bullet">
/// <item><c>developer</c> messages become <c>system</c> messages;</item>
/// <item>an assistant message that only carries tool calls gets <c>content: ""</c> (templates concatenate it);</item>
/// <item>string tool-call arguments are parsed to objects for templates that only render objects;</item>
/// <item>for templates that ignore or reject the system role, system texts are merged into the next user message
/// (<c>system + "\n" + user</c>); one with no user message after it becomes a user message of its own.</item>
/// </list>
/// The input is never changed; the result is a new array.
/// </summary>
public static class ChatMessageNormalizer
{
    public static JsonArray Normalize(JsonArray messages, ChatTemplateCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(capabilities);
        var result = new JsonArray();
        string? pendingSystem = null;
        foreach (var node in messages)
        {
            if (node is not JsonObject original) { result.Add(node?.DeepClone()); continue; }
            var message = original.DeepClone().AsObject();
            string? role = (message["role"] as JsonValue)?.TryGetValue(out string? r) == true ? r : null;
            if (role == "developer") message["role"] = role = "system";
            if (role == "assistant" && message["tool_calls"] is JsonArray { Count: > 0 } calls)
            {
                if (message["content"] is null) message["content"] = "";
                if (capabilities.RequiresObjectArguments) ParseArguments(calls);
            }
            if (!capabilities.SupportsSystemRole && message["content"] is not null)
            {
                string content = TextOf(message["content"]);
                if (role == "system")
                {
                    pendingSystem = pendingSystem is null ? content : pendingSystem + "\n" + content;
                    continue;
                }
                if (pendingSystem is not null)
                {
                    if (role == "user") message["content"] = content.Length == 0 ? pendingSystem : pendingSystem + "\n" + content;
                    else result.Add((JsonNode)new JsonObject { ["role"] = "user", ["content"] = pendingSystem });
                    pendingSystem = null;
                }
            }
            result.Add((JsonNode)message); // the JsonNode overload: Add<T> needs reflection (not NativeAOT-safe)
        }
        if (pendingSystem is not null) result.Add((JsonNode)new JsonObject { ["role"] = "user", ["content"] = pendingSystem });
        return result;
    }

    /// <summary>A message's text: the string, or the text parts of a content-part list joined.</summary>
    private static string TextOf(JsonNode? content)
    {
        if (content is JsonValue v && v.TryGetValue(out string? s)) return s;
        if (content is not JsonArray parts) return content?.ToJsonString() ?? "";
        var sb = new StringBuilder();
        foreach (var part in parts)
            if (part is JsonObject p && p["text"] is JsonValue t && t.TryGetValue(out string? text)) sb.Append(text);
        return sb.ToString();
    }

    private static void ParseArguments(JsonArray calls)
    {
        foreach (var call in calls)
        {
            if (call is not JsonObject c || c["function"] is not JsonObject function) continue;
            if (function["arguments"] is not JsonValue value || !value.TryGetValue(out string? text)) continue;
            try
            {
                if (JsonNode.Parse(text) is JsonObject parsed) function["arguments"] = parsed;
            }
            catch (JsonException)
            {
                // Not JSON: the template gets the string as it came, as llama.cpp would fail to parse it too.
            }
        }
    }
}
