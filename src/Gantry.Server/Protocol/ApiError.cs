
namespace Gantry.Server.Protocol;

/// <summary>An expected failure of a request, as a value: the HTTP status and OpenAI's error fields.</summary>
internal sealed record ApiError(int Status, string Type, string Message, string? Param = null, string? Code = null)
{
    /// <summary>Seconds the client should wait before retrying (429 and 503), sent as <c>Retry-After</c>.</summary>
    public int? RetryAfterSeconds { get; init; }

    public const string InvalidRequest = "invalid_request_error";

    public static ApiError Invalid(string param, string message) => new(400, InvalidRequest, message, param);

    public static ApiError Missing(string param) => Invalid(param, $"'{param}' is required");

    public static ApiError ModelNotFound(string model) =>
        new(404, InvalidRequest, $"The model '{model}' does not exist; see GET /v1/models", "model", "model_not_found");

    public static ApiError NotFound(string path) => new(404, InvalidRequest, $"No route for '{path}'", null, "not_found");

    public static ApiError MethodNotAllowed(string method, string path) => new(405, InvalidRequest, $"Method {method} is not allowed on '{path}'", null, "method_not_allowed");

    public static ApiError BodyTooLarge(long limit) =>
        new(413, InvalidRequest, $"The request body is larger than the limit of {limit} bytes", null, "request_too_large");

    public static ApiError QueueFull(string message) => new(429, "rate_limit_error", message, null, "queue_full") { RetryAfterSeconds = 1 };

    public static ApiError NotReady(string message) => new(503, "service_unavailable_error", message, null, "not_ready") { RetryAfterSeconds = 1 };

    /// <summary>The model could not run (a pipeline stage died or timed out): retry shortly.</summary>
    public static ApiError ModelUnavailable(string message) => new(503, "service_unavailable_error", message, null, "model_unavailable") { RetryAfterSeconds = 1 };

    /// <summary>A request the engine ended with an error: 503 when the model itself was unavailable, else 500.</summary>
    public static ApiError FromEngine(string? message, bool modelUnavailable) =>
        modelUnavailable ? ModelUnavailable(message ?? "the model is unavailable") : Internal(message ?? "generation failed");

    public static ApiError Internal(string message) => new(500, "server_error", message, null, "internal_error");

    public ErrorResponse ToResponse() => new(new ErrorBody(Message, Type, Param, Code));
}
