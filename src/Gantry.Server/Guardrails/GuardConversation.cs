using Gantry.Guardrails.ModelGuard;
using Gantry.Server.Validation;

namespace Gantry.Server.Guardrails;

/// <summary>
/// What the guard model sees of a request. Llama Guard knows two roles: a chat's <c>user</c> and <c>tool</c> messages
/// (the legacy <c>function</c> role is a tool's) go in as <c>User</c> turns (a tool's result is input the model will
/// read), <c>assistant</c> messages as <c>Agent</c>, and system messages (the operator's) are left out. A completions
/// prompt is one <c>User</c> turn. A conversation longer than the guard can read is fitted to its context in its own
/// tokens when it is judged (<see cref="GuardPromptBudget"/>: first and newest turns kept).
/// </summary>
internal static class GuardConversation
{
    /// <summary>The guard's view of a chat's messages (in order); empty when no turn is left to judge.</summary>
    public static List<(GuardRole Role, string Text)> FromChat(IEnumerable<(PromptRole Role, string Text)> messages)
    {
        var turns = new List<(GuardRole, string)>();
        foreach (var (role, text) in messages)
        {
            if (role == PromptRole.System || text.Length == 0) continue;
            turns.Add((role == PromptRole.Assistant ? GuardRole.Agent : GuardRole.User, text));
        }
        return turns;
    }

    /// <summary><paramref name="context"/> followed by the model's <paramref name="answer"/>, for output moderation.</summary>
    public static List<(GuardRole Role, string Text)> WithAnswer(IReadOnlyList<(GuardRole Role, string Text)> context, string answer) =>
        [.. context, (GuardRole.Agent, answer)];
}
