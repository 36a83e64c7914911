using Gantry.Server.Protocol;

namespace Gantry.Server.Validation;

/// <summary>
/// Rewrites or refuses one prompt text (a completion prompt, or one chat message's content) before it is tokenized:
/// the hook the input guardrails use inside validation. Returns the error that refuses the request, or null with
/// <paramref name="text"/> left as it was or replaced (redacted).
/// </summary>
internal delegate ApiError? PromptFilter(string param, ref string text);
