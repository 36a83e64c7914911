using System.Text.Json.Nodes;
using Gantry.Models.ChatTemplates;
using Gantry.Models.Tokenizers;
using Gantry.Models.ToolCalls;

namespace Gantry.Server.Chat;

/// <summary>
/// The model's own chat template (GGUF <c>tokenizer.chat_template</c>, or a built-in one when absent), run by the
/// Jinja-subset interpreter through <see cref="ChatTemplate.Apply"/>, exactly as <c>gantry chat-template --model</c>
/// renders: messages brought into the template's shape first (<see cref="ChatMessageNormalizer"/>, as llama.cpp does),
/// the request's tools as the template's <c>tools</c>, a BOS (EOS) the tokenizer adds itself stripped from the text.
/// </summary>
internal sealed class GgufChatTemplateRenderer(ChatTemplate template, ITokenizer? tokenizer = null) : IChatPromptRenderer
{
    private readonly Lazy<ToolCallFormat> _toolFormat = new(() => ToolFormatProbe.Detect(template, tokenizer));

    public string Name => template.Name;

    public ToolCallFormat ToolFormat => _toolFormat.Value;

    public bool TryRender(IReadOnlyList<ChatTurn> messages, JsonArray? tools, out string prompt, out ChatRenderError? error)
    {
        try
        {
            var list = new JsonArray();
            foreach (var m in messages) list.Add(m.ToTemplateMessage());
            var variables = new JsonObject { ["messages"] = list };
            if (tools is not null) variables["tools"] = tools.DeepClone();
            variables["add_generation_prompt"] = true;
            prompt = template.Apply(variables);
            error = null;
            return true;
        }
        catch (ChatTemplateException e)
        {
            prompt = "";
            error = new ChatRenderError(e.Message, TemplateFault: !e.RaisedByTemplate);
            return false;
        }
    }
}
