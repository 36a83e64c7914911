using System.Text;
using System.Text.Json.Nodes;
using Gantry.Models.Tokenizers;
using Gantry.Models.ToolCalls;

namespace Gantry.Server.Chat;

/// <summary>
/// The last resort when a GGUF's own chat template does not parse with our Jinja subset: ChatML when the vocabulary has <c>&lt;|im_start|&gt;</c>,
/// the Llama-3 header format when it has <c>&lt;|start_header_id|&gt;</c>, otherwise plain "role: content" lines.
/// </summary>
internal sealed class FallbackChatPromptRenderer : IChatPromptRenderer
{
    private enum Format { Plain, ChatMl, Llama3 }

    private readonly Format _format;
    private readonly Lazy<ToolCallFormat> _toolFormat;

    public FallbackChatPromptRenderer(ITokenizer tokenizer)
    {
        _toolFormat = new Lazy<ToolCallFormat>(() => ToolCallFormats.Detect(null, tokenizer));
        _format = IsControlToken(tokenizer, "<|im_start|>") ? Format.ChatMl
            : IsControlToken(tokenizer, "<|start_header_id|>") ? Format.Llama3
            : Format.Plain;
    }

    public string Name => "fallback-" + _format.ToString().ToLowerInvariant();

    /// <summary>From the vocabulary's special tokens alone (there is no template to show the syntax; tools are not rendered).</summary>
    public ToolCallFormat ToolFormat => _toolFormat.Value;

    public bool TryRender(IReadOnlyList<ChatTurn> messages, JsonArray? tools, out string prompt, out ChatRenderError? error)
    {
        error = null;
        var sb = new StringBuilder();
        switch (_format)
        {
            case Format.ChatMl:
                foreach (var m in messages) sb.Append("<|im_start|>").Append(m.Role).Append('\n').Append(m.Content).Append("<|im_end|>\n");
                sb.Append("<|im_start|>assistant\n");
                break;
            case Format.Llama3:
                foreach (var m in messages) sb.Append("<|start_header_id|>").Append(m.Role).Append("<|end_header_id|>\n\n").Append(m.Content.Trim()).Append("<|eot_id|>");
                sb.Append("<|start_header_id|>assistant<|end_header_id|>\n\n");
                break;
            default:
                foreach (var m in messages) sb.Append(m.Role).Append(": ").Append(m.Content).Append('\n');
                sb.Append("assistant:");
                break;
        }
        prompt = sb.ToString();
        return true;
    }

    private static bool IsControlToken(ITokenizer tokenizer, string text)
    {
        var ids = tokenizer.Encode(text, addSpecial: false, parseSpecial: true);
        return ids.Length == 1 && tokenizer.TokenText(ids[0]) == text;
    }
}
