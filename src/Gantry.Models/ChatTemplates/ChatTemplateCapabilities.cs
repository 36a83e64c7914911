using System.Text.Json.Nodes;

namespace Gantry.Models.ChatTemplates;

/// <summary>
/// What a template does with the OpenAI message shapes, found the way llama.cpp finds it (minja's probing): by
/// rendering small probe conversations once and looking for a needle in the output. Used by
/// <see cref="ChatMessageNormalizer"/> to bring a conversation into the shape the template can render.
/// </summary>
/// <param name="SupportsSystemRole">A system message's text reaches the output (false when the template ignores
/// the system role or raises on it: the system text is then merged into the first user message).</param>
/// <param name="RequiresObjectArguments">Tool-call arguments render only as an object, not as a JSON string
/// (Llama 3.1's template), so string arguments are parsed before rendering.</param>
public sealed record ChatTemplateCapabilities(bool SupportsSystemRole, bool RequiresObjectArguments)
{
    private const string SystemNeedle = "<System Needle>";
    private const string ArgumentsNeedle = "{\"code\": \"print";

    internal static ChatTemplateCapabilities Probe(ChatTemplate template)
    {
        // JsonArray's JsonNode constructor, not collection initializers: those bind Add<T>, which NativeAOT refuses
        bool system = Renders(template, new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = SystemNeedle },
            new JsonObject { ["role"] = "user", ["content"] = "Hey" }), SystemNeedle);
        bool stringArguments = Renders(template, ToolCall("{\"code\": \"print('Hello, World!')\"}"), ArgumentsNeedle);
        bool objectArguments = !stringArguments
            && Renders(template, ToolCall(new JsonObject { ["code"] = "print('Hello, World!')" }), ArgumentsNeedle);
        return new ChatTemplateCapabilities(system, objectArguments);
    }

    private static JsonArray ToolCall(JsonNode arguments) =>
    [
        new JsonObject { ["role"] = "user", ["content"] = "Hey" },
        new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = "",
            ["tool_calls"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "call_1___",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["arguments"] = arguments, ["name"] = "ipython" },
                }),
        },
    ];

    private static bool Renders(ChatTemplate template, JsonArray messages, string needle)
    {
        try
        {
            return template.Render(new JsonObject { ["messages"] = messages, ["add_generation_prompt"] = false })
                .Contains(needle, StringComparison.Ordinal);
        }
        catch (ChatTemplateException)
        {
            return false;
        }
    }
}
