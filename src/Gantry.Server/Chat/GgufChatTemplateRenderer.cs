using Gantry.Models.ChatTemplates;

namespace Gantry.Server.Chat;

/// <summary>The model's own chat template (GGUF <c>tokenizer.chat_template</c>, or a built-in one when absent), run by the Jinja-subset interpreter.</summary>
internal sealed class GgufChatTemplateRenderer(ChatTemplate template) : IChatPromptRenderer
{
    public string Name => template.Name;

    public bool TryRender(IReadOnlyList<ChatTurn> messages, out string prompt, out string? error)
    {
        var list = new ChatMessage[messages.Count];
        for (var i = 0; i < list.Length; i++) list[i] = new ChatMessage(messages[i].Role, messages[i].Content);
        try
        {
            prompt = template.Render(list, addGenerationPrompt: true);
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
