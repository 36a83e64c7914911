using Gantry.Models.ChatTemplates;
using Gantry.Models.Gguf;
using Gantry.Models.Tokenizers;

namespace Gantry.Server.Chat;

/// <summary>Picks the chat renderer for a model file: its own template (or the built-in one for its vocabulary), else the fallback.</summary>
internal static class ChatRenderers
{
    public static IChatPromptRenderer For(GgufMetadata metadata, ITokenizer tokenizer, out string? problem)
    {
        problem = null;
        try
        {
            return new GgufChatTemplateRenderer(ChatTemplate.FromGguf(metadata, tokenizer), tokenizer);
        }
        catch (ChatTemplateException e)
        {
            problem = e.Message;
            return new FallbackChatPromptRenderer(tokenizer);
        }
    }
}
