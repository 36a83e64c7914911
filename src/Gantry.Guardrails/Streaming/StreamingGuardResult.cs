namespace Gantry.Guardrails.Streaming;

/// <summary>
/// What a <see cref="StreamingOutputGuard"/> step releases: <see cref="Text"/> is safe to send to the client now
/// (possibly empty while text is held back). When <see cref="Blocked"/>, the stream must end: send nothing more,
/// finish with <see cref="FinishReason"/> and report <see cref="Error"/> (the server maps it to its error event).
/// </summary>
public readonly record struct StreamingGuardResult(string Text, bool Blocked, GuardrailError? Error)
{
    /// <summary>The OpenAI finish reason for a stream a guardrail ended.</summary>
    public const string ContentFilterFinishReason = "content_filter";

    /// <summary><c>content_filter</c> when blocked, otherwise null (the engine's own reason stands).</summary>
    public string? FinishReason => Blocked ? ContentFilterFinishReason : null;

    public static StreamingGuardResult Pass(string text) => new(text, false, null);
}

/// <summary>Why a guardrail stopped a request or stream. Names the check and categories only, never the text.</summary>
public sealed record GuardrailError(string Code, string Check, IReadOnlyList<string> Categories)
{
    public const string BlockedCode = "guardrail_blocked";

    public string Message => $"blocked by guardrail '{Check}' ({string.Join(", ", Categories)})";
}
