using System.Text.Json.Nodes;
using Gantry.Models.ChatTemplates;
using Gantry.Models.Tokenizers;
using Gantry.Models.ToolCalls;

namespace Gantry.Server.Chat;

/// <summary>
/// The model's own chat template (GGUF <c>tokenizer.chat_template</c>, or a built-in one when absent), run by the
/// Jinja-subset interpreter. Messages are brought into the template's shape first (<see cref="ChatMessageNormalizer"/>,
/// as llama.cpp does), and the request's tools are the template's <c>tools</c>.
/// </summary>
internal sealed class GgufChatTemplateRenderer(ChatTemplate template, ITokenizer? tokenizer = null) : IChatPromptRenderer
{
    private readonly Lazy<ToolCallFormat> _toolFormat = new(() => ToolFormatProbe.Detect(template, tokenizer));

    public string Name => template.Name;

    public ToolCallFormat ToolFormat => _toolFormat.Value;

    public bool TryRender(IReadOnlyList<ChatTurn> messages, JsonArray? tools, out string prompt, out string? error)
    {
        try
        {
            var list = new JsonArray();
            foreach (var m in messages) list.Add(m.ToTemplateMessage());
            var variables = new JsonObject
            {
                ["messages"] = ChatMessageNormalizer.Normalize(list, template.Capabilities),
                ["add_generation_prompt"] = true,
            };
            if (tools is not null) variables["tools"] = tools.DeepClone();
            prompt = template.Render(variables);
            error = null;
            return true;
        }
        catch (ChatTemplateException e)
        {
            prompt = "";
            error = e.Message;
            return false;
        }
    }
}
