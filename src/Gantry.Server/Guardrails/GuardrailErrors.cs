using Gantry.Guardrails.Pipeline;
using Gantry.Guardrails.Streaming;
using Gantry.Server.Protocol;
using Gantry.Server.Validation;

namespace Gantry.Server.Guardrails;

/// <summary>
/// How a guardrail block reaches the client. Messages name the check and its categories, never the text that
/// tripped it (a blocked secret must not come back in the error).
/// </summary>
internal static class GuardrailErrors
{
    public const string Code = "content_policy_violation";

    /// <summary>The type of the SSE error event that follows a stream a guardrail ended.</summary>
    public const string OutputType = "content_filter_error";

    /// <summary>A prompt the input guardrails refused: HTTP 400, <c>param</c> <c>prompt</c> or <c>messages</c>.</summary>
    public static ApiError Input(string param, GuardrailVerdict verdict)
    {
        var check = verdict.BlockedBy ?? GuardrailCheckNames.Content;
        var categories = verdict.Flagged.Where(c => GuardrailLedger.CheckOf(c) == check);
        return new ApiError(400, ApiError.InvalidRequest,
            $"The {(param == "messages" ? "conversation" : "prompt")} was blocked by the '{check}' guardrail (categories: {string.Join(", ", categories)})",
            param, Code);
    }

    /// <summary>The code of a refusal because the guard model could not judge and fails closed.</summary>
    public const string GuardModelUnavailableCode = "guard_model_unavailable";

    /// <summary>A prompt the guard model could not judge, under fail-closed: 503, retry later.</summary>
    public static ApiError GuardModelUnavailable() =>
        new(503, "service_unavailable_error", "The guard model could not judge the request, and this server refuses what it cannot judge",
            null, GuardModelUnavailableCode) { RetryAfterSeconds = 1 };

    /// <summary>The error event sent after the <c>content_filter</c> chunk of a stream the output guardrails ended.</summary>
    public static ErrorResponse Output(GuardrailError error) =>
        new(new ErrorBody($"The completion was stopped by the '{error.Check}' guardrail (categories: {string.Join(", ", error.Categories)})", OutputType, null, Code));
}
