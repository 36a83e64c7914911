using System.Text.Json;
using Gantry.Engine;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Protocol;

/// <summary>
/// The one place where exceptions become OpenAI error JSON. Expected failures on the hot path are <see cref="ApiError"/>
/// values already; this covers what arrives as an exception (body parsing, Kestrel limits, engine refusals).
/// </summary>
internal static class ErrorMapper
{
    /// <summary>The error for an expected exception, or null for a bug (answered 500 and logged).</summary>
    public static ApiError? Map(Exception e) => e switch
    {
        QueueFullException q => ApiError.QueueFull(q.Message),
        JsonException j => FromJson(j),
        BadHttpRequestException { StatusCode: 413 } => ApiError.BodyTooLarge(0) with { Message = "The request body is larger than the server's limit" },
        BadHttpRequestException b => new ApiError(b.StatusCode, ApiError.InvalidRequest, b.Message),
        ObjectDisposedException => ApiError.NotReady("The server is shutting down"),
        System.Text.DecoderFallbackException => ApiError.Invalid("", "The request body is not valid UTF-8") with { Param = null },
        InvalidOperationException { InnerException: System.Text.DecoderFallbackException } => ApiError.Invalid("", "The request body is not valid UTF-8") with { Param = null },
        ArgumentException a => ApiError.Invalid(a.ParamName ?? "", a.Message) with { Param = a.ParamName },
        _ => null,
    };

    /// <summary>A refusal of the security layer (401, 403, 408, 413, 429) as the server's error value.</summary>
    public static ApiError Map(Security.SecurityError e) => new(e.Status, e.Type, e.Message, e.Param, e.Code) { RetryAfterSeconds = e.RetryAfterSeconds };

    private static ApiError FromJson(JsonException j)
    {
        var param = j.Path is null or "$" ? null : j.Path.StartsWith("$.", StringComparison.Ordinal) ? j.Path[2..] : j.Path.TrimStart('$');
        var reason = j.InnerException is InvalidOperationException or System.Text.DecoderFallbackException or FormatException or OverflowException
            ? j.InnerException.Message
            : FirstSentence(j.Message);
        var message = param is null ? "The request body is not valid JSON: " + reason : $"Invalid value for '{param}': {reason}";
        return new ApiError(400, ApiError.InvalidRequest, message, param, param is null ? "invalid_json" : "invalid_type");
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
