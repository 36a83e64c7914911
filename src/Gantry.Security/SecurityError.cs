namespace Gantry.Security;

/// <summary>
/// A request the security layer turns away, as a value: the HTTP status and OpenAI's error fields. The server's one
/// error writer turns it into the JSON envelope; <c>Retry-After</c> goes with 429s.
/// </summary>
public sealed record SecurityError(int Status, string Type, string Message, string? Param = null, string? Code = null)
{
    public int? RetryAfterSeconds { get; init; }

    public static SecurityError MissingKey() => new(401, "invalid_request_error",
        "You didn't provide an API key. Send it as 'Authorization: Bearer gk-...'", null, "invalid_api_key");

    public static SecurityError InvalidKey() => new(401, "invalid_request_error", "Incorrect API key provided", null, "invalid_api_key");

    public static SecurityError ModelNotAllowed(string model) =>
        new(403, "permission_error", $"This key may not use the model '{model}'", "model", "model_not_allowed");

    public static SecurityError AdminRequired() => new(403, "permission_error", "This endpoint needs an admin key", null, "admin_required");

    public static SecurityError BodyTooLarge(long limit) =>
        new(413, "invalid_request_error", $"The request body is larger than this key's limit of {limit} bytes", null, "request_too_large");

    public static SecurityError OverLimit(string param, string message) => new(400, "invalid_request_error", message, param, "limit_exceeded");

    public static SecurityError RateLimited(string message, int retryAfterSeconds, bool quota) =>
        new(429, quota ? "insufficient_quota" : "rate_limit_error", message, null, quota ? "insufficient_quota" : "rate_limit_exceeded") { RetryAfterSeconds = retryAfterSeconds };

    public static SecurityError Timeout(int seconds) =>
        new(408, "timeout_error", $"The request ran longer than this key's limit of {seconds} s", null, "request_timeout");
}
