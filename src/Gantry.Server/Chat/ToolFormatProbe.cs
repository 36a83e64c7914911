using System.Text.Json.Nodes;
using Gantry.Models.ChatTemplates;
using Gantry.Models.Tokenizers;
using Gantry.Models.ToolCalls;

namespace Gantry.Server.Chat;

/// <summary>
/// Finds how a model writes tool calls by rendering its template once over a probe conversation (a tool offered, an
/// assistant turn that calls it, the tool's answer) and reading the markers in the output, as llama.cpp probes
/// templates; the template's text is what the model was trained on. The vocabulary decides when the template shows
/// no tool-call syntax.
/// </summary>
internal static class ToolFormatProbe
{
    public static ToolCallFormat Detect(ChatTemplate template, ITokenizer? tokenizer)
    {
        // A template that refuses the whole probe (strict role order, its own id rules) may still show the syntax in
        // the instructions it writes for the tools alone.
        var rendered = Render(template, Conversation()) ?? Render(template, [new JsonObject { ["role"] = "user", ["content"] = "Hey" }]) ?? "";
        return ToolCallFormats.Detect(rendered, tokenizer);
    }

    private static string? Render(ChatTemplate template, JsonArray messages)
    {
        try
        {
            return template.Render(new JsonObject
            {
                ["messages"] = ChatMessageNormalizer.Normalize(messages, template.Capabilities),
                ["tools"] = new JsonArray { Tool() },
                ["add_generation_prompt"] = true,
            });
        }
        catch (ChatTemplateException)
        {
            return null;
        }
    }

    private static JsonObject Tool() => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = "probe_tool",
            ["description"] = "probe",
            ["parameters"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["q"] = new JsonObject { ["type"] = "string" } } },
        },
    };

    private static JsonArray Conversation() =>
    [
        new JsonObject { ["role"] = "user", ["content"] = "Hey" },
        new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray
            {
                new JsonObject
                {
                    ["id"] = "probe0001", // nine letters and digits: Mistral templates refuse other ids
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = "probe_tool", ["arguments"] = "{\"q\": \"x\"}" },
                },
            },
        },
        new JsonObject { ["role"] = "tool", ["tool_call_id"] = "probe0001", ["content"] = "42" },
    ];
}
