using Gantry.Server.Protocol;

namespace Gantry.Server.Validation;

/// <summary>
/// Rewrites or refuses one prompt text (a completion prompt, or one chat message's content) before it is tokenized:
/// the hook the input guardrails use inside validation. <paramref name="role"/> says who wrote the text, so a tool's
/// result can be judged as content rather than as the user's instruction. Returns the error that refuses the request,
/// or null with <paramref name="text"/> left as it was or replaced (redacted).
/// </summary>
internal delegate ApiError? PromptFilter(string param, PromptRole role, ref string text);

/// <summary>Who wrote a prompt text: a completion prompt, or a chat message's role (<c>developer</c> counts as system).</summary>
internal enum PromptRole
{
    Prompt,
    System,
    User,
    Assistant,
    /// <summary>A tool's (function's) result: data the model reads, not instructions it should follow.</summary>
    Tool,
}
