using System.Text;

namespace Gantry.Guardrails.ModelGuard;

/// <summary>Who wrote the message to judge: the user (input moderation) or the model (output moderation).</summary>
public enum GuardRole
{
    User,
    Agent,
}

/// <summary>
/// Builds Llama Guard 3's classification prompt (its model card's format, Llama 3 chat tokens included): the task
/// line naming the role to judge, the category list, the conversation with turns labelled <c>User:</c> and
/// <c>Agent:</c>, and the two-line answer instructions, then an open assistant header for the verdict. The
/// conversation's texts go in as they are (the guard model must see what the served model would see), except that a
/// chat-token marker inside them (<c>&lt;|eot_id|&gt;</c>, <c>&lt;|start_header_id|&gt;</c>, …) is broken by a word
/// joiner after its <c>&lt;</c>: the prompt is tokenized with special tokens parsed, for the template's own
/// markers, and a user who could write them would close the guard's turn and write its verdict.
/// </summary>
public static class LlamaGuardPrompt
{
    public static string Build(IReadOnlyList<(GuardRole Role, string Text)> conversation, GuardRole judged)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (conversation.Count == 0) throw new ArgumentException("the conversation is empty", nameof(conversation));
        var role = judged == GuardRole.User ? "User" : "Agent";
        var sb = new StringBuilder(1024);
        sb.Append("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n");
        sb.Append("Task: Check if there is unsafe content in '").Append(role)
          .Append("' messages in conversations according our safety policy with the below categories.\n\n");
        sb.Append("<BEGIN UNSAFE CONTENT CATEGORIES>\n");
        foreach (var (code, name) in LlamaGuardCategories.All) sb.Append(code).Append(": ").Append(name).Append(".\n");
        sb.Append("<END UNSAFE CONTENT CATEGORIES>\n\n<BEGIN CONVERSATION>\n\n");
        foreach (var (r, text) in conversation) sb.Append(r == GuardRole.User ? "User" : "Agent").Append(": ").Append(Defang(text)).Append("\n\n");
        sb.Append("<END CONVERSATION>\n\n");
        sb.Append("Provide your safety assessment for ONLY THE LAST ").Append(role).Append(" message in the above conversation:\n");
        sb.Append(" - First line must read 'safe' or 'unsafe'.\n");
        sb.Append(" - If unsafe, a second line must include a comma-separated list of violated categories.");
        sb.Append("<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
        return sb.ToString();
    }

    /// <summary>The text with every <c>&lt;|</c> written <c>&lt;</c> U+2060 <c>|</c>, so no special token can be parsed from it.</summary>
    internal static string Defang(string text) => text.Contains("<|", StringComparison.Ordinal) ? text.Replace("<|", "<\u2060|", StringComparison.Ordinal) : text;
}
