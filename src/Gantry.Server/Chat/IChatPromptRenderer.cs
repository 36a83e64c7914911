using System.Text.Json.Nodes;
using Gantry.Models.ToolCalls;

namespace Gantry.Server.Chat;

/// <summary>Turns chat messages into the prompt text the model was trained on (its chat template).</summary>
internal interface IChatPromptRenderer
{
    /// <summary>Which template this is, for the log (e.g. "gguf", "chatml", "fallback-plain").</summary>
    string Name { get; }

    /// <summary>How the model writes tool calls, as its template shows them (<see cref="ToolCallFormat.None"/>: never parsed).</summary>
    ToolCallFormat ToolFormat { get; }

    /// <summary>
    /// Renders the conversation and the assistant's turn header, ready to continue (a leading BOS the tokenizer adds
    /// itself removed, as llama.cpp does). False (with the reason) when the template refuses the conversation, e.g.
    /// roles that do not alternate (the client's error), or fails on it (the template's fault).
    /// </summary>
    /// <param name="tools">The request's <c>tools</c> for the template's <c>tools</c> variable; null when none are offered.</param>
    bool TryRender(IReadOnlyList<ChatTurn> messages, JsonArray? tools, out string prompt, out ChatRenderError? error);
}

/// <summary>Why a conversation did not render. <see cref="TemplateFault"/>: the template itself failed (a runtime
/// error or a limit hit), a server-side problem; otherwise the template refused the conversation with its own
/// <c>raise_exception</c>, the client's.</summary>
internal sealed record ChatRenderError(string Message, bool TemplateFault);

/// <summary>
/// One validated chat message. <see cref="ToolCalls"/> is an assistant message's calls (OpenAI shape, arguments as JSON
/// text); <see cref="ToolCallId"/> the call a tool message answers.
/// </summary>
internal readonly record struct ChatTurn(string Role, string Content, JsonArray? ToolCalls = null, string? ToolCallId = null, string? Name = null)
{
    /// <summary>The message as a template sees it: <c>role</c>, <c>content</c> and, when present, the tool fields.</summary>
    public JsonObject ToTemplateMessage()
    {
        var m = new JsonObject { ["role"] = Role, ["content"] = Content };
        if (ToolCalls is not null) m["tool_calls"] = ToolCalls.DeepClone();
        if (ToolCallId is not null) m["tool_call_id"] = ToolCallId;
        if (Name is not null) m["name"] = Name;
        return m;
    }
}
