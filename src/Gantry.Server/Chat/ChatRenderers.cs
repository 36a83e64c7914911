using Gantry.Models.ChatTemplates;
using Gantry.Models.Gguf;
using Gantry.Models.Tokenizers;

namespace Gantry.Server.Chat;

/// <summary>
/// Picks the chat renderer for a model file: the server's <c>--chat-template</c> override when given, else its own
/// template (or the built-in one for its vocabulary), else the fallback.
/// </summary>
internal static class ChatRenderers
{
    /// <param name="overrideSource">The template source that replaces every model's own (<c>ServerOptions.ChatTemplate</c>); null: the file's.</param>
    public static IChatPromptRenderer For(GgufMetadata metadata, ITokenizer tokenizer, string? overrideSource, out string? problem)
    {
        problem = null;
        try
        {
            var template = overrideSource is not null ? ChatTemplate.FromSource(overrideSource, tokenizer) : ChatTemplate.FromGguf(metadata, tokenizer);
            return new GgufChatTemplateRenderer(template, tokenizer);
        }
        catch (ChatTemplateException e)
        {
            problem = e.Message;
            return new FallbackChatPromptRenderer(tokenizer);
        }
    }
}
