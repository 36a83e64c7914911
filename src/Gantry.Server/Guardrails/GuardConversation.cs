using Gantry.Guardrails.ModelGuard;
using Gantry.Server.Validation;

namespace Gantry.Server.Guardrails;

/// <summary>
/// What the guard model sees of a request. Llama Guard knows two roles: a chat's <c>user</c> and <c>tool</c> messages
/// go in as <c>User</c> turns (a tool's result is input the model will read), <c>assistant</c> messages as
/// <c>Agent</c>, and system messages (the operator's) are left out. A completions prompt is one <c>User</c> turn.
/// Only the latest turns that fit <see cref="MaxChars"/> are kept (the last one always), so a long chat does not
/// outgrow the guard's own KV budget; a single turn longer than the guard can read fails its judgement
/// (<see cref="Configuration.GuardModelFailure"/> decides).
/// </summary>
internal static class GuardConversation
{
    /// <summary>Characters of context kept before the judged turn: about 1k Llama 3 tokens.</summary>
    public const int MaxChars = 4000;

    /// <summary>The guard's view of a chat's messages (in order); empty when no turn is left to judge.</summary>
    public static List<(GuardRole Role, string Text)> FromChat(IEnumerable<(PromptRole Role, string Text)> messages)
    {
        var turns = new List<(GuardRole, string)>();
        foreach (var (role, text) in messages)
        {
            if (role == PromptRole.System || text.Length == 0) continue;
            turns.Add((role == PromptRole.Assistant ? GuardRole.Agent : GuardRole.User, text));
        }
        return Trim(turns);
    }

    /// <summary><paramref name="context"/> followed by the model's <paramref name="answer"/>, for output moderation.</summary>
    public static List<(GuardRole Role, string Text)> WithAnswer(IReadOnlyList<(GuardRole Role, string Text)> context, string answer) =>
        Trim([.. context, (GuardRole.Agent, answer)]);

    /// <summary>Drops the oldest turns until the rest fit <see cref="MaxChars"/>; the last turn always stays.</summary>
    private static List<(GuardRole Role, string Text)> Trim(List<(GuardRole Role, string Text)> turns)
    {
        if (turns.Count == 0) return turns;
        var chars = turns[^1].Text.Length;
        var first = turns.Count - 1;
        while (first > 0 && chars + turns[first - 1].Text.Length <= MaxChars) chars += turns[--first].Text.Length;
        return first == 0 ? turns : turns.GetRange(first, turns.Count - first);
    }
}
