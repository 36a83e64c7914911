using Gantry.Models.Gguf;
using Gantry.Models.Tokenizers;

namespace Gantry.Server.Chat;

/// <summary>Picks the chat renderer for a model file.</summary>
internal static class ChatRenderers
{
    public static IChatPromptRenderer For(GgufMetadata metadata, ITokenizer tokenizer) => new FallbackChatPromptRenderer(tokenizer);
}
